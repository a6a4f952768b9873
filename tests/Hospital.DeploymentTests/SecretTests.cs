using System.Text.RegularExpressions;
using Hospital.DeploymentTests.Infrastructure;
using k8s.Models;

namespace Hospital.DeploymentTests;

public sealed partial class SecretTests
{
    private const string DemoOverlay = "overlays/demo";

    private static ManifestSet Manifests => ManifestSet.Repository;

    [Fact]
    public void SecretsAreWrittenOnlyInTheDemoOverlay()
    {
        var written = Manifests.OfType<V1Secret>().Where(s => !s.Manifest.File.StartsWith(DemoOverlay + "/", StringComparison.Ordinal)).Select(s => s.Manifest.ToString());

        Assert.Empty(written);
    }

    [Fact]
    public void NoContainerReceivesACredentialInPlainText()
    {
        // Every entry as written (a later duplicate would not hide a literal value); ConfigMaps are checked below.
        var failures = Manifests.Workloads
            .SelectMany(w => w.Containers.SelectMany(c => (c.Env ?? [])
                .Where(e => Credential().IsMatch(e.Name) && e.ValueFrom?.SecretKeyRef is null)
                .Select(e => $"{w} container {c.Name}: {e.Name} must come from a secretKeyRef")));

        Assert.Empty(failures);
    }

    [Fact]
    public void ConfigMapsHoldNoCredentials()
    {
        var failures = Manifests.OfType<V1ConfigMap>()
            .SelectMany(m => (m.Object.Data ?? new Dictionary<string, string>())
                .Where(p => Credential().IsMatch(p.Key) || p.Value.Contains("password=", StringComparison.OrdinalIgnoreCase))
                .Select(p => $"{m.Manifest}: {p.Key}"));

        Assert.Empty(failures);
    }

    [Fact]
    public void TheDemoOverlayDefinesEverySecretKeyItsPodsRequire()
    {
        var demo = Kustomization.Load(Manifests, DemoOverlay + "/" + ManifestSet.KustomizationFileName).ManifestFiles(Manifests).ToHashSet();
        var objects = Manifests.Objects.Where(o => demo.Contains(o.File)).ToList();
        var secrets = objects.Select(o => o.Object).OfType<V1Secret>()
            .ToDictionary(s => s.Metadata.Name, s => (s.Data?.Keys ?? []).Concat(s.StringData?.Keys ?? []).ToHashSet());

        var missing = objects.SelectMany(Workload.From)
            .SelectMany(w => w.Containers.SelectMany(c => c.Env ?? []).Select(e => (Workload: w, Reference: e.ValueFrom?.SecretKeyRef)))
            .Where(r => r.Reference is { Optional: null or false } reference
                && !(secrets.TryGetValue(reference.Name, out var keys) && keys.Contains(reference.Key)))
            .Select(r => $"{r.Workload}: secret {r.Reference!.Name} key {r.Reference.Key}");

        Assert.Empty(missing);
    }

    [GeneratedRegex("password|secret|signingkey|connectionstring|apikey|privatekey", RegexOptions.IgnoreCase)]
    private static partial Regex Credential();
}
