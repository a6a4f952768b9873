using Hospital.DeploymentTests.Infrastructure;
using k8s.Models;

namespace Hospital.DeploymentTests;

public sealed class MigrationJobTests
{
    private static ManifestSet Manifests => ManifestSet.Repository;

    [Fact]
    public void TheMigrationJobRunsTheMigrateCommandOfTheImageItUses()
    {
        var (job, container) = Assert.Single(Manifests.HospitalContainers, h => h.Workload.Kind == V1Job.KubeKind);

        var assembly = Workload.ProcessOf(container.Image) == HospitalProcess.Api ? "Hospital.Api.dll" : "Hospital.Silo.dll";
        Assert.Equal(["dotnet", assembly, "migrate"], (container.Command ?? []).Concat(container.Args ?? []));
        Assert.Equal("Postgres", ContainerSettings.Of(container, Manifests).Value("Hospital:Storage"));
        Assert.Contains(job.Template.Spec.RestartPolicy, new[] { "Never", "OnFailure" });
    }

    [Fact]
    public void TheMigrationJobGivesUpAfterBoundedRetries()
    {
        var job = (V1Job)Assert.Single(Manifests.Workloads, w => w.Kind == V1Job.KubeKind && w.Process != HospitalProcess.None).Manifest.Object;

        Assert.InRange(job.Spec.BackoffLimit ?? 6, 1, 10);
        Assert.NotNull(job.Spec.ActiveDeadlineSeconds);
    }
}
