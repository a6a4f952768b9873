using Hospital.DeploymentTests.Infrastructure;

namespace Hospital.DeploymentTests;

public sealed class KustomizeTests
{
    private static ManifestSet Manifests => ManifestSet.Repository;

    private static IEnumerable<Kustomization> Kustomizations => Manifests.KustomizationFiles.Select(f => Kustomization.Load(Manifests, f));

    [Fact]
    public void KustomizationsReferOnlyToFilesAndFoldersThatExist()
    {
        var missing = Kustomizations.SelectMany(k => k.References
            .Where(r => !Manifests.ManifestFiles.Contains(r) && !Manifests.KustomizationFiles.Contains(r + "/" + ManifestSet.KustomizationFileName))
            .Select(r => $"{k.File}: {r}"));

        Assert.NotEmpty(Manifests.KustomizationFiles);
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryManifestIsPartOfSomeKustomization()
    {
        var listed = Kustomizations.SelectMany(k => k.References).ToHashSet();

        Assert.DoesNotContain(Manifests.ManifestFiles, f => !listed.Contains(f));
    }

    [Fact]
    public void TheDemoOverlayBuildsOnTheWholeBase()
    {
        var demo = Kustomization.Load(Manifests, "overlays/demo/" + ManifestSet.KustomizationFileName).ManifestFiles(Manifests).ToHashSet();

        Assert.DoesNotContain(Manifests.ManifestFiles, f => f.StartsWith("base/", StringComparison.Ordinal) && !demo.Contains(f));
    }
}
