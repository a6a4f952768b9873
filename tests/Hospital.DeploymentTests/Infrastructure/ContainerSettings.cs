using k8s.Models;

namespace Hospital.DeploymentTests.Infrastructure;

/// <summary>One environment variable of a container, as the process will see it.</summary>
/// <param name="Source">Where it was written: <c>env</c> or <c>ConfigMap name</c>.</param>
public sealed record Setting(string EnvName, string? Value, V1EnvVarSource? From, string Source)
{
    /// <summary>The configuration key .NET reads it as: '__' becomes ':'.</summary>
    public string Key => EnvName.Replace("__", ":");

    /// <summary>The key without the DOTNET_ / ASPNETCORE_ prefix the .NET hosts strip from their own settings.</summary>
    public string HostKey => ContainerSettings.HostPrefixes.FirstOrDefault(p => Key.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix
        ? Key[prefix.Length..]
        : Key;

    public bool IsNamed(string key) =>
        string.Equals(Key, key, StringComparison.OrdinalIgnoreCase) || string.Equals(HostKey, key, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A container's environment: <c>envFrom</c> ConfigMaps first, then <c>env</c>, which wins (as in Kubernetes).</summary>
public sealed class ContainerSettings
{
    public static readonly string[] HostPrefixes = ["DOTNET_", "ASPNETCORE_"];

    private ContainerSettings(IReadOnlyList<Setting> all) => All = all;

    public IReadOnlyList<Setting> All { get; }

    public static ContainerSettings Of(V1Container container, ManifestSet manifests)
    {
        var settings = new Dictionary<string, Setting>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is { } reference)
            {
                var map = manifests.ConfigMap(reference.Name)
                    ?? throw new InvalidOperationException($"Container {container.Name} reads ConfigMap {reference.Name}, which no manifest defines.");
                foreach (var (name, value) in map.Data ?? new Dictionary<string, string>())
                {
                    settings[source.Prefix + name] = new Setting(source.Prefix + name, value, null, "ConfigMap " + reference.Name);
                }
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            settings[variable.Name] = new Setting(variable.Name, variable.Value, variable.ValueFrom, "env");
        }

        return new ContainerSettings(settings.Values.ToList());
    }

    /// <summary>The setting .NET reads under that key (e.g. <c>Hospital:Storage</c> or <c>shutdownTimeoutSeconds</c>).</summary>
    public Setting? Find(string key) => All.LastOrDefault(s => s.IsNamed(key));

    public string? Value(string key) => Find(key)?.Value;
}
