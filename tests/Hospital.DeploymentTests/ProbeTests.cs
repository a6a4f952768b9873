using Hospital.DeploymentTests.Infrastructure;
using k8s.Models;

namespace Hospital.DeploymentTests;

public sealed class ProbeTests
{
    private static ManifestSet Manifests => ManifestSet.Repository;

    [Fact]
    public void HospitalContainersAreProbedOnTheirHealthEndpoints()
    {
        var failures = new List<string>();
        foreach (var (workload, container) in Manifests.HospitalContainers.Where(h => h.Workload.Kind != V1Job.KubeKind))
        {
            Expect(container.LivenessProbe, "/health/live", "liveness");
            Expect(container.ReadinessProbe, "/health/ready", "readiness");
            // The HTTP server starts only after Orleans has: a startup probe keeps liveness from killing a slow start.
            Expect(container.StartupProbe, "/health/live", "startup");

            void Expect(V1Probe? probe, string path, string kind)
            {
                if (probe?.HttpGet?.Path != path)
                {
                    failures.Add($"{workload} container {container.Name}: {kind} probe is {probe?.HttpGet?.Path ?? "missing"}, expected GET {path}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void HospitalContainersListenOnAllAddressesAtThePortTheyAreProbedOn()
    {
        var failures = new List<string>();
        foreach (var (workload, container) in Manifests.HospitalContainers.Where(h => h.Workload.Kind != V1Job.KubeKind))
        {
            // Without ASPNETCORE_URLS the hosts listen on localhost only (5080 / 5081): unreachable for the kubelet.
            var urls = ContainerSettings.Of(container, Manifests).Value("urls");
            var listening = urls is null ? null : new Uri(urls.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"));
            if (listening is null || listening.IsLoopback)
            {
                failures.Add($"{workload} container {container.Name}: ASPNETCORE_URLS is {urls ?? "unset"}, expected http://+:<port>");
                continue;
            }

            foreach (var probe in new[] { container.LivenessProbe, container.ReadinessProbe, container.StartupProbe })
            {
                if (probe?.HttpGet is { } get && Ports.Resolve(container, get.Port) != listening.Port)
                {
                    failures.Add($"{workload} container {container.Name}: probes port {get.Port.Value}, the host listens on {listening.Port}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void EveryLongRunningContainerHasLivenessAndReadinessProbes()
    {
        var failures = Manifests.Workloads.Where(w => w.Kind != V1Job.KubeKind)
            .SelectMany(w => w.Template.Spec.Containers.Where(c => c.LivenessProbe is null || c.ReadinessProbe is null).Select(c => $"{w} container {c.Name}"));

        Assert.Empty(failures);
    }
}
