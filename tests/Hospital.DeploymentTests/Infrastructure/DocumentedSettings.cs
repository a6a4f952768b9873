using System.Text.RegularExpressions;

namespace Hospital.DeploymentTests.Infrastructure;

/// <summary>
/// The setting names the README's configuration table documents, plus the .NET host's own keys the manifests use.
/// A row names one setting, or several sharing a parent: <c>`Hospital:Orleans:ClusterId` / `ServiceId`</c>.
/// </summary>
public static partial class DocumentedSettings
{
    /// <summary>Read by the .NET host rather than the platform (HostOptions; Kestrel's listen address).</summary>
    public static readonly string[] HostSettings = ["shutdownTimeoutSeconds", "urls"];

    public static IReadOnlyList<string> Names { get; } = Read(File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "README.md")));

    /// <summary>Whether .NET reading this variable would find a documented setting (<c>RoleMap:*</c> covers its children).</summary>
    public static bool Covers(Setting setting) =>
        HostSettings.Any(setting.IsNamed) || Names.Any(name => name.EndsWith(":*", StringComparison.Ordinal)
            ? setting.Key.StartsWith(name[..^1], StringComparison.OrdinalIgnoreCase)
            : setting.IsNamed(name) || string.Equals(setting.EnvName, name, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<string> Read(IEnumerable<string> readme)
    {
        var names = new List<string>();
        var inSection = false;
        foreach (var line in readme)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inSection = line.Trim() == "## Configuration";
            }
            else if (inSection && line.StartsWith("| `", StringComparison.Ordinal))
            {
                names.AddRange(RowNames(line.Split('|')[1]));
            }
        }

        return names;
    }

    private static IEnumerable<string> RowNames(string cell)
    {
        var names = Code().Matches(cell).Select(m => m.Groups[1].Value).ToList();
        var first = names[0];
        var parent = first.Contains(':') ? first[..(first.LastIndexOf(':') + 1)] : "";
        yield return first.TrimStart('-');
        foreach (var name in names.Skip(1))
        {
            // `--urls` / `ASPNETCORE_URLS` are two spellings; `ClusterId` / `ServiceId` are siblings.
            yield return name.StartsWith("--", StringComparison.Ordinal) || name.Contains('_') || (name.Contains(':') && !name.EndsWith(":*", StringComparison.Ordinal))
                ? name.TrimStart('-')
                : parent + name;
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
