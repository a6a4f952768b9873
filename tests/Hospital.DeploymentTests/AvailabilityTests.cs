using Hospital.DeploymentTests.Infrastructure;
using k8s.Models;

namespace Hospital.DeploymentTests;

public sealed class AvailabilityTests
{
    private static ManifestSet Manifests => ManifestSet.Repository;

    private static List<V1PodDisruptionBudget> Budgets => Manifests.OfType<V1PodDisruptionBudget>().Select(b => b.Object).ToList();

    [Theory]
    [InlineData(HospitalProcess.Silo)]
    [InlineData(HospitalProcess.Api)]
    public void EachHospitalDeploymentHasADisruptionBudgetSelectingItsPods(HospitalProcess process)
    {
        var deployment = Assert.Single(Manifests.HospitalDeployments, d => d.Process == process);

        var budget = Assert.Single(Budgets, b => deployment.Selects(b.Spec.Selector));

        // A budget that allows no disruption at all blocks every node drain; one that allows everything protects nothing.
        Assert.True(budget.Spec.MaxUnavailable is not null || budget.Spec.MinAvailable is not null, $"PDB {budget.Metadata.Name} sets neither maxUnavailable nor minAvailable");
        Assert.NotEqual("0", budget.Spec.MaxUnavailable?.Value);
    }

    [Fact]
    public void EveryDisruptionBudgetSelectsAWorkload()
    {
        var strays = Budgets.Where(b => !Manifests.Workloads.Any(w => w.Selects(b.Spec.Selector))).Select(b => b.Metadata.Name);

        Assert.Empty(strays);
    }

    [Theory]
    [InlineData(HospitalProcess.Silo)]
    [InlineData(HospitalProcess.Api)]
    public void EachHospitalDeploymentSpreadsItsPodsAcrossNodes(HospitalProcess process)
    {
        var deployment = Assert.Single(Manifests.HospitalDeployments, d => d.Process == process);
        var spec = deployment.Template.Spec;

        var antiAffinity = (spec.Affinity?.PodAntiAffinity?.PreferredDuringSchedulingIgnoredDuringExecution?.Select(t => t.PodAffinityTerm) ?? [])
            .Concat(spec.Affinity?.PodAntiAffinity?.RequiredDuringSchedulingIgnoredDuringExecution ?? [])
            .Any(t => t.TopologyKey == "kubernetes.io/hostname" && deployment.Selects(t.LabelSelector));
        var spread = (spec.TopologySpreadConstraints ?? [])
            .Any(c => c.TopologyKey is "kubernetes.io/hostname" or "topology.kubernetes.io/zone" && deployment.Selects(c.LabelSelector));

        Assert.True(antiAffinity && spread, $"{deployment}: needs pod anti-affinity on hostname and a topology spread selecting its own pods");
    }

    [Theory]
    [InlineData(HospitalProcess.Silo)]
    [InlineData(HospitalProcess.Api)]
    public void RollingUpdatesAddANewPodBeforeRemovingAnOldOne(HospitalProcess process)
    {
        var deployment = (V1Deployment)Assert.Single(Manifests.HospitalDeployments, d => d.Process == process).Manifest.Object;

        Assert.Equal("RollingUpdate", deployment.Spec.Strategy?.Type);
        Assert.Equal("0", deployment.Spec.Strategy?.RollingUpdate?.MaxUnavailable?.Value);
        Assert.True(deployment.Spec.Replicas >= 2, $"{deployment.Metadata.Name}: one replica cannot survive a disruption");
    }
}
