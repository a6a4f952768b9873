using Hospital.DeploymentTests.Infrastructure;
using k8s.Models;

namespace Hospital.DeploymentTests;

public sealed class ServiceTests
{
    private static ManifestSet Manifests => ManifestSet.Repository;

    [Fact]
    public void EveryServiceSelectsAWorkloadsPods()
    {
        var strays = Manifests.OfType<V1Service>()
            .Where(s => s.Object.Spec.Selector is not { Count: > 0 } selector || !Manifests.Workloads.Any(w => Labels.Match(selector, w.PodLabels)))
            .Select(s => s.Manifest.ToString());

        Assert.Empty(strays);
    }

    [Fact]
    public void ServicesTargetPortsThatTheirPodsExpose()
    {
        var failures = new List<string>();
        foreach (var (manifest, service) in Manifests.OfType<V1Service>())
        {
            foreach (var workload in Manifests.Workloads.Where(w => service.Spec.Selector is { Count: > 0 } s && Labels.Match(s, w.PodLabels)))
            {
                foreach (var port in service.Spec.Ports)
                {
                    var target = port.TargetPort ?? (IntOrString)port.Port;
                    if (!workload.Template.Spec.Containers.Any(c => Ports.Resolve(c, target) is not null))
                    {
                        failures.Add($"{manifest}: port {port.Name ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} targets {target.Value}, which {workload} does not expose");
                    }
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void TheApiServiceKeepsAClientOnOnePodForSignalR()
    {
        var api = Assert.Single(Manifests.HospitalDeployments, d => d.Process == HospitalProcess.Api);

        var service = Assert.Single(Manifests.OfType<V1Service>(), s => s.Object.Spec.Selector is { Count: > 0 } selector && Labels.Match(selector, api.PodLabels)
            && s.Object.Spec.Ports.Any(p => p.Name == "http")).Object;

        // SignalR negotiates on one request and connects on another; without affinity they may reach different pods.
        Assert.Equal("ClientIP", service.Spec.SessionAffinity);
    }

    [Fact]
    public void TheHl7FeedHasAServiceOfItsOwnOnTheApiPods()
    {
        var api = Assert.Single(Manifests.HospitalDeployments, d => d.Process == HospitalProcess.Api);

        var service = Assert.Single(Manifests.OfType<V1Service>(), s => s.Object.Spec.Selector is { Count: > 0 } selector && Labels.Match(selector, api.PodLabels)
            && s.Object.Spec.Ports.Any(p => p.Name == "mllp")).Object;

        // MLLP is one long TCP connection per sender; the HTTP service's ports are not on it.
        Assert.Equal(2575, Assert.Single(service.Spec.Ports).Port);
        Assert.DoesNotContain(service.Spec.Ports, p => p.Name == "http");
    }
}
