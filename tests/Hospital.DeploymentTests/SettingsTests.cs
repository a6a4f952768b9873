using Hospital.DeploymentTests.Infrastructure;
using k8s.Models;

namespace Hospital.DeploymentTests;

/// <summary>The environment the hospital processes start with (README "Configuration").</summary>
public sealed class SettingsTests
{
    private static ManifestSet Manifests => ManifestSet.Repository;

    private static IEnumerable<(Workload Workload, V1Container Container, ContainerSettings Settings)> Hospital(Func<Workload, bool>? where = null) =>
        Manifests.HospitalContainers.Where(h => where?.Invoke(h.Workload) ?? true)
            .Select(h => (h.Workload, h.Container, ContainerSettings.Of(h.Container, Manifests)));

    private static string Where(Workload workload, V1Container container) => $"{workload} container {container.Name}";

    [Fact]
    public void EveryHospitalProcessStoresItsStateInPostgres()
    {
        var failures = Hospital().Where(h => h.Settings.Value("Hospital:Storage") != "Postgres").Select(h => Where(h.Workload, h.Container));

        Assert.Empty(failures);
    }

    [Fact]
    public void TheConnectionStringComesFromARequiredSecretKey()
    {
        var failures = Hospital().Where(h => h.Settings.Find("ConnectionStrings:Hospital") is not
        {
            Value: null,
            From.SecretKeyRef: { Name.Length: > 0, Key.Length: > 0, Optional: null or false },
        }).Select(h => Where(h.Workload, h.Container));

        Assert.Empty(failures);
    }

    [Fact]
    public void SilosAdvertiseTheirPodIp()
    {
        var silos = Hospital(w => w.Process == HospitalProcess.Silo && w.IsDeployment).ToList();

        Assert.NotEmpty(silos);
        Assert.All(silos, h => Assert.Equal("status.podIP", h.Settings.Find("Hospital:Orleans:AdvertisedIPAddress")?.From?.FieldRef?.FieldPath));
    }

    [Fact]
    public void SilosExposeTheOrleansPortsTheyAreConfiguredFor()
    {
        var failures = new List<string>();
        foreach (var (workload, container, settings) in Hospital(w => w.Process == HospitalProcess.Silo && w.IsDeployment))
        {
            var expected = new[] { settings.Value("Hospital:Orleans:SiloPort") ?? "11111", settings.Value("Hospital:Orleans:GatewayPort") ?? "30000" };
            failures.AddRange(expected.Where(port => Ports.Resolve(container, port) is null)
                .Select(port => $"{Where(workload, container)}: does not declare container port {port}"));
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void ApiPodsJoinTheClusterAsClients()
    {
        var apis = Hospital(w => w.Process == HospitalProcess.Api && w.IsDeployment).ToList();

        Assert.NotEmpty(apis);
        Assert.All(apis, h => Assert.Equal("Client", h.Settings.Value("Hospital:Orleans:Mode")));
    }

    [Fact]
    public void SilosAndClientsShareOneExplicitClusterIdentity()
    {
        var identities = Hospital(w => w.IsDeployment)
            .Select(h => (Cluster: h.Settings.Value("Hospital:Orleans:ClusterId"), Service: h.Settings.Value("Hospital:Orleans:ServiceId")))
            .Distinct()
            .ToList();

        var identity = Assert.Single(identities);
        Assert.False(string.IsNullOrWhiteSpace(identity.Cluster), "Hospital:Orleans:ClusterId is not set");
        Assert.False(string.IsNullOrWhiteSpace(identity.Service), "Hospital:Orleans:ServiceId is not set");
    }

    [Fact]
    public void DeploymentsLeaveMigrationsToTheJob()
    {
        var failures = Hospital(w => w.IsDeployment)
            .Where(h => !string.Equals(h.Settings.Value("Hospital:MigrateOnStartup"), "false", StringComparison.OrdinalIgnoreCase))
            .Select(h => Where(h.Workload, h.Container));

        Assert.Empty(failures);
    }

    [Fact]
    public void EverySettingAHospitalContainerReceivesIsDocumented()
    {
        // Catches a misspelt name (Hospital__Storag) that .NET would silently ignore.
        var failures = Hospital().SelectMany(h => h.Settings.All.Where(s => !DocumentedSettings.Covers(s))
            .Select(s => $"{Where(h.Workload, h.Container)}: {s.EnvName} ({s.Source}) is not in the README configuration table"));

        Assert.Empty(failures);
    }
}
