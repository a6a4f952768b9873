using Hospital.DeploymentTests.Infrastructure;

namespace Hospital.DeploymentTests;

public sealed class ResourceTests
{
    private static readonly string[] Kinds = ["cpu", "memory"];

    [Fact]
    public void EveryContainerRequestsAndLimitsCpuAndMemory()
    {
        var failures = new List<string>();
        foreach (var workload in ManifestSet.Repository.Workloads)
        {
            foreach (var container in workload.Containers)
            {
                var requests = container.Resources?.Requests ?? new Dictionary<string, k8s.Models.ResourceQuantity>();
                var limits = container.Resources?.Limits ?? new Dictionary<string, k8s.Models.ResourceQuantity>();
                foreach (var kind in Kinds)
                {
                    if (!requests.TryGetValue(kind, out var request) || !limits.TryGetValue(kind, out var limit))
                    {
                        failures.Add($"{workload} container {container.Name}: {kind} request and limit are both required");
                    }
                    else if (request.ToDecimal() > limit.ToDecimal())
                    {
                        failures.Add($"{workload} container {container.Name}: {kind} request {request} exceeds its limit {limit}");
                    }
                }
            }
        }

        Assert.Empty(failures);
    }
}
