using k8s.Models;

namespace Hospital.DeploymentTests.Infrastructure;

/// <summary>The processes the platform's images run.</summary>
public enum HospitalProcess
{
    /// <summary>Not a hospital image (e.g. the demo PostgreSQL).</summary>
    None,
    Silo,
    Api,
}

/// <summary>A Deployment, StatefulSet or Job with its pod template.</summary>
public sealed record Workload(Manifest Manifest, V1PodTemplateSpec Template)
{
    public string Kind => Manifest.Object.Kind;

    public string Name => Manifest.Name;

    public bool IsDeployment => Kind == V1Deployment.KubeKind;

    /// <summary>Init containers, then the main ones.</summary>
    public IEnumerable<V1Container> Containers => (Template.Spec.InitContainers ?? []).Concat(Template.Spec.Containers);

    public IDictionary<string, string> PodLabels => Template.Metadata?.Labels ?? new Dictionary<string, string>();

    /// <summary>The hospital process this workload runs, judged by its main containers' images.</summary>
    public HospitalProcess Process => Template.Spec.Containers.Select(c => ProcessOf(c.Image)).FirstOrDefault(p => p != HospitalProcess.None);

    public static HospitalProcess ProcessOf(string? image)
    {
        var repository = (image ?? "").Split('@')[0];
        var name = repository[(repository.LastIndexOf('/') + 1)..].Split(':')[0];
        return name switch
        {
            "hospital-silo" => HospitalProcess.Silo,
            "hospital-api" => HospitalProcess.Api,
            _ => HospitalProcess.None,
        };
    }

    public bool Selects(V1LabelSelector? selector) => Labels.Match(selector, PodLabels);

    public override string ToString() => Manifest.ToString();

    public static IEnumerable<Workload> From(Manifest manifest) => manifest.Object switch
    {
        V1Deployment d => [new Workload(manifest, d.Spec.Template)],
        V1StatefulSet s => [new Workload(manifest, s.Spec.Template)],
        V1Job j => [new Workload(manifest, j.Spec.Template)],
        _ => [],
    };
}

public static class Labels
{
    /// <summary>Whether a label selector picks pods with these labels (matchLabels and matchExpressions).</summary>
    public static bool Match(V1LabelSelector? selector, IDictionary<string, string> labels)
    {
        if (selector is null || (selector.MatchLabels is not { Count: > 0 } && selector.MatchExpressions is not { Count: > 0 }))
        {
            return false; // an empty selector selects everything: never what a manifest here means
        }

        return Match(selector.MatchLabels, labels) && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out var v) && e.Values.Contains(v),
            "NotIn" => !labels.TryGetValue(e.Key, out var v) || !e.Values.Contains(v),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => false,
        });
    }

    /// <summary>Whether every pair of a Service-style selector is among the labels.</summary>
    public static bool Match(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is null || selector.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value);
}
