using k8s;
using k8s.Models;

namespace Hospital.DeploymentTests.Infrastructure;

/// <summary>One Kubernetes object and the file under k8s/ it was written in (a path relative to k8s/, with '/').</summary>
public sealed record Manifest(string File, IKubernetesObject Object)
{
    public string Name => Object is IMetadata<V1ObjectMeta> { Metadata.Name: { } name } ? name : "(unnamed)";

    public override string ToString() => $"{Object.Kind} {Name} ({File})";
}

/// <summary>Every YAML file under k8s/, loaded strictly (an unknown field is an error) into typed objects.</summary>
public sealed class ManifestSet
{
    public const string KustomizationFileName = "kustomization.yaml";

    /// <summary>Absolute path of the repository's k8s/ folder.</summary>
    public static string RepositoryDirectory { get; } = Path.Combine(RepositoryRoot.Path, "k8s");

    private static readonly Lazy<ManifestSet> Loaded = new(() => Load(RepositoryDirectory));

    private ManifestSet(string directory, IReadOnlyList<string> manifestFiles, IReadOnlyList<string> kustomizations, IReadOnlyList<Manifest> objects)
    {
        Directory = directory;
        ManifestFiles = manifestFiles;
        KustomizationFiles = kustomizations;
        Objects = objects;
        Workloads = objects.SelectMany(Workload.From).ToList();
    }

    /// <summary>The repository's k8s/ folder.</summary>
    public static ManifestSet Repository => Loaded.Value;

    /// <summary>Absolute path of k8s/.</summary>
    public string Directory { get; }

    /// <summary>Kubernetes manifests, relative to k8s/.</summary>
    public IReadOnlyList<string> ManifestFiles { get; }

    /// <summary>Kustomize files, relative to k8s/.</summary>
    public IReadOnlyList<string> KustomizationFiles { get; }

    public IReadOnlyList<Manifest> Objects { get; }

    /// <summary>Deployments, StatefulSets and Jobs: everything that runs containers.</summary>
    public IReadOnlyList<Workload> Workloads { get; }

    /// <summary>Containers that run a hospital image (silo or api), with the workload that runs them.</summary>
    public IEnumerable<(Workload Workload, V1Container Container)> HospitalContainers =>
        Workloads.SelectMany(w => w.Containers.Where(c => Workload.ProcessOf(c.Image) != HospitalProcess.None).Select(c => (w, c)));

    /// <summary>The Deployments that run hospital silos or api processes.</summary>
    public IEnumerable<Workload> HospitalDeployments => Workloads.Where(w => w.IsDeployment && w.Process != HospitalProcess.None);

    public IEnumerable<(Manifest Manifest, T Object)> OfType<T>() =>
        Objects.Where(m => m.Object is T).Select(m => (m, (T)m.Object));

    public string FullPath(string relative) => Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The ConfigMap of that name; the manifests keep one of each.</summary>
    public V1ConfigMap? ConfigMap(string name) =>
        OfType<V1ConfigMap>().Select(c => c.Object).SingleOrDefault(c => c.Metadata.Name == name);

    public static IReadOnlyList<IKubernetesObject> Parse(string yaml) =>
        KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true).Cast<IKubernetesObject>().ToList();

    /// <summary>The YAML files under k8s/, relative to it: Kubernetes manifests and kustomization files apart.</summary>
    public static (IReadOnlyList<string> Manifests, IReadOnlyList<string> Kustomizations) ListFiles(string directory)
    {
        var files = System.IO.Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var kustomizations = files.Where(f => Path.GetFileName(f) == KustomizationFileName).ToList();
        return (files.Except(kustomizations).ToList(), kustomizations);
    }

    private static ManifestSet Load(string directory)
    {
        var (manifests, kustomizations) = ListFiles(directory);
        var objects = manifests
            .SelectMany(f => Parse(File.ReadAllText(Path.Combine(directory, f))).Select(o => new Manifest(f, o)))
            .ToList();
        return new ManifestSet(directory, manifests, kustomizations, objects);
    }
}
