using YamlDotNet.RepresentationModel;

namespace Hospital.DeploymentTests.Infrastructure;

/// <summary>What a kustomization.yaml refers to: resources, components and patch files, relative to k8s/.</summary>
public sealed record Kustomization(string File, IReadOnlyList<string> References)
{
    public static Kustomization Load(ManifestSet manifests, string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(manifests.FullPath(file)))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var folder = Path.GetDirectoryName(file) ?? "";
        var references = Sequence(root, "resources").Concat(Sequence(root, "components"))
            .Concat(Sequence(root, "patchesStrategicMerge"))
            .Concat(Items(root, "patches").Select(p => Scalar(p, "path")).OfType<string>())
            .Select(r => Normalize(Path.Combine(folder, r)))
            .ToList();
        return new Kustomization(file, references);
    }

    /// <summary>The manifest files this kustomization builds from, following folders to their kustomization.yaml.</summary>
    public IEnumerable<string> ManifestFiles(ManifestSet manifests)
    {
        foreach (var reference in References)
        {
            var nested = Normalize(Path.Combine(reference, ManifestSet.KustomizationFileName));
            if (manifests.KustomizationFiles.Contains(nested))
            {
                foreach (var file in Load(manifests, nested).ManifestFiles(manifests))
                {
                    yield return file;
                }
            }
            else
            {
                yield return reference;
            }
        }
    }

    private static IEnumerable<string> Sequence(YamlMappingNode root, string key) =>
        Items(root, key).OfType<YamlScalarNode>().Select(n => n.Value).OfType<string>();

    private static IEnumerable<YamlNode> Items(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode sequence ? sequence.Children : [];

    private static string? Scalar(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    /// <summary>Resolves "." and ".." so that paths compare as strings (relative to k8s/, with '/').</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }
}
