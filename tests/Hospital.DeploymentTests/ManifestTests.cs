using Hospital.DeploymentTests.Infrastructure;

namespace Hospital.DeploymentTests;

public sealed class ManifestTests
{
    private static ManifestSet Manifests => ManifestSet.Repository;

    [Fact]
    public void EveryManifestLoadsAsTypedKubernetesObjectsWithoutUnknownFields()
    {
        // Reads the files itself, so that a broken one is named here rather than failing every other test's loading.
        var (files, _) = ManifestSet.ListFiles(ManifestSet.RepositoryDirectory);
        var failures = new List<string>();
        foreach (var file in files)
        {
            try
            {
                if (ManifestSet.Parse(File.ReadAllText(Path.Combine(ManifestSet.RepositoryDirectory, file))).Count == 0)
                {
                    failures.Add($"{file}: holds no object");
                }
            }
            catch (Exception e)
            {
                failures.Add($"{file}: {e.GetBaseException().Message}");
            }
        }

        Assert.NotEmpty(files);
        Assert.Empty(failures);
    }

    [Fact]
    public void ThePlatformRunsASiloDeploymentAnApiDeploymentAndAMigrationJob()
    {
        var processes = Manifests.Workloads.Where(w => w.Process != HospitalProcess.None).Select(w => (w.Kind, w.Process)).ToList();

        Assert.Equal(1, processes.Count(p => p == ("Deployment", HospitalProcess.Silo)));
        Assert.Equal(1, processes.Count(p => p == ("Deployment", HospitalProcess.Api)));
        Assert.Equal(1, processes.Count(p => p.Kind == "Job"));
    }

    [Fact]
    public void EveryWorkloadSelectsItsOwnPods()
    {
        var failures = Manifests.Workloads.Where(w => w.Manifest.Object switch
        {
            k8s.Models.V1Deployment d => !w.Selects(d.Spec.Selector),
            k8s.Models.V1StatefulSet s => !w.Selects(s.Spec.Selector),
            _ => false,
        }).Select(w => w.ToString());

        Assert.Empty(failures);
    }
}
