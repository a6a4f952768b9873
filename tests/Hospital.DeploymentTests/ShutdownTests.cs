using Hospital.DeploymentTests.Infrastructure;
using k8s.Models;

namespace Hospital.DeploymentTests;

/// <summary>
/// On SIGTERM the .NET host stops within its shutdown timeout (a silo leaves the cluster and hands its grains over);
/// Kubernetes kills the pod when terminationGracePeriodSeconds, which also pays for preStop, has passed.
/// </summary>
public sealed class ShutdownTests
{
    private const string ShutdownTimeoutKey = "shutdownTimeoutSeconds";

    private static ManifestSet Manifests => ManifestSet.Repository;

    [Fact]
    public void HospitalDeploymentsSetTheHostShutdownTimeoutExplicitly()
    {
        var failures = Manifests.HospitalDeployments
            .SelectMany(d => d.Template.Spec.Containers.Select(c => (Deployment: d, Container: c)))
            .Where(h => !int.TryParse(ContainerSettings.Of(h.Container, Manifests).Value(ShutdownTimeoutKey), out var seconds) || seconds <= 0)
            .Select(h => $"{h.Deployment} container {h.Container.Name}: set DOTNET_SHUTDOWNTIMEOUTSECONDS to a positive number of seconds");

        Assert.Empty(failures);
    }

    [Fact]
    public void PodsAreGivenLongerToStopThanPreStopAndTheHostShutdownTimeoutTogether()
    {
        var failures = new List<string>();
        foreach (var deployment in Manifests.HospitalDeployments)
        {
            var grace = deployment.Template.Spec.TerminationGracePeriodSeconds ?? 30; // Kubernetes' default
            foreach (var container in deployment.Template.Spec.Containers)
            {
                var shutdown = int.TryParse(ContainerSettings.Of(container, Manifests).Value(ShutdownTimeoutKey), out var s) ? s : 30; // .NET's default
                var needed = PreStopSeconds(container.Lifecycle?.PreStop) + shutdown;
                if (grace <= needed)
                {
                    failures.Add($"{deployment} container {container.Name}: terminationGracePeriodSeconds {grace} must exceed preStop + shutdown timeout = {needed}");
                }
            }
        }

        Assert.Empty(failures);
    }

    private static long PreStopSeconds(V1LifecycleHandler? preStop) => preStop switch
    {
        null => 0,
        { Sleep.Seconds: var seconds } => seconds,
        // An exec or HTTP hook may take any time: the manifests use the measurable sleep action only.
        _ => throw new InvalidOperationException("preStop hooks other than sleep cannot be checked against the grace period."),
    };
}
