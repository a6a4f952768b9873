using System.Security.Cryptography;
using System.Text;
using Hospital.Grains.Security;
using Hospital.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Hospital.Hosting.Security;

/// <summary>
/// Reads the platform's keys from configuration. Per purpose, in order:
/// <list type="number">
/// <item>configured keys, <c>&lt;section&gt;:&lt;id&gt;</c> = base64 of 32+ bytes (environment, command line, or a
/// mounted Kubernetes Secret through <c>Hospital:SettingsDirectory</c>); the one named by <c>&lt;active setting&gt;</c>
/// makes new material, or the last id in ordinal order;</item>
/// <item>all-in-one (SQLite): a key file made once in <c>Hospital:KeyDirectory</c> (readable by the process owner only,
/// outside the data directory, so a copy of the database or its backup holds no key);</item>
/// <item>a PostgreSQL cluster without configured keys: derived from the connection string's password with HKDF, so
/// every process of the cluster has the same key without storing it (anyone who has that password can derive it too:
/// production configures keys).</item>
/// </list>
/// </summary>
public static class KeyRingLoader
{
    public const string SettingsDirectory = "Hospital:SettingsDirectory";
    public const string KeyDirectory = "Hospital:KeyDirectory";
    public const string TokenSigningSection = "Hospital:Auth:SigningKeys";
    public const string TokenSigningActive = "Hospital:Auth:SigningKeyId";
    public const string AuditSection = "Hospital:Audit:Keys";
    public const string AuditActive = "Hospital:Audit:KeyId";

    public static string DefaultKeyDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "orleans-hospital", "keys");

    public static string KeyDirectoryOf(IConfiguration configuration) =>
        Path.GetFullPath(configuration[KeyDirectory] is { Length: > 0 } configured ? configured : DefaultKeyDirectory);

    /// <summary>
    /// The files this installation keeps beside its keys (checkpoints, a generated password): a folder per database, so
    /// several installations sharing the default key directory never read each other's.
    /// </summary>
    public static string InstanceDirectoryOf(IConfiguration configuration, HospitalOptions options)
    {
        var database = options.Storage == StorageKind.Postgres
            ? Database(options.ConnectionString ?? "")
            : Path.GetFullPath(options.DataDirectory);
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(database)))[..12].ToLowerInvariant();
        return Path.Combine(KeyDirectoryOf(configuration), "instances", id);
    }

    private static string Database(string connectionString)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        string Part(string name) => builder.TryGetValue(name, out var value) ? value?.ToString() ?? "" : "";
        return $"postgres://{Part("Host")}:{Part("Port")}/{Part("Database")}";
    }

    public static PlatformKeys Load(IConfiguration configuration, HospitalOptions options)
    {
        var failures = new List<string>();
        var token = Ring(configuration, options, "token-signing", TokenSigningSection, TokenSigningActive, failures, legacy: configuration["Hospital:Auth:SigningKey"]);
        var audit = Ring(configuration, options, "audit", AuditSection, AuditActive, failures, legacy: null);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException("Hospital:Keys", typeof(PlatformKeys), failures);
        }

        return new PlatformKeys(token!, audit!);
    }

    private static KeyRing? Ring(IConfiguration configuration, HospitalOptions options, string purpose, string section, string activeSetting, List<string> failures, string? legacy)
    {
        var keys = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var child in configuration.GetSection(section).GetChildren())
        {
            if (Decode(child.Value) is { } key)
            {
                keys[child.Key] = key;
            }
            else
            {
                failures.Add($"{section}:{child.Key} must be base64 of at least 32 bytes.");
            }
        }

        if (legacy is { Length: > 0 })
        {
            if (Decode(legacy) is { } key)
            {
                keys["configured"] = key;
            }
            else
            {
                failures.Add("Hospital:Auth:SigningKey must be base64 of at least 32 bytes.");
            }
        }

        if (keys.Count > 0)
        {
            var active = configuration[activeSetting] is { Length: > 0 } named ? named : keys.Keys.Last();
            if (!keys.ContainsKey(active))
            {
                failures.Add($"{activeSetting} '{active}' names no key of {section}.");
                return null;
            }

            return new KeyRing(purpose, active, keys, "configuration");
        }

        if (configuration[activeSetting] is { Length: > 0 })
        {
            failures.Add($"{activeSetting} is set but {section} holds no key.");
            return null;
        }

        return options.Storage == StorageKind.Postgres && options.ConnectionString is { Length: > 0 } connection
            ? Derived(purpose, connection)
            : FromFile(purpose, KeyDirectoryOf(configuration), failures);
    }

    private static KeyRing Derived(string purpose, string connectionString)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var secret = builder.TryGetValue("Password", out var password) && password is string { Length: > 0 } p ? p : connectionString;
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: Encoding.UTF8.GetBytes("orleans-hospital"),
            info: Encoding.UTF8.GetBytes("orleans-hospital/" + purpose + "/v1"));
        return new KeyRing(purpose, "derived", new Dictionary<string, byte[]> { ["derived"] = key }, "derived from the connection string");
    }

    private static KeyRing? FromFile(string purpose, string directory, List<string> failures)
    {
        var path = Path.Combine(directory, purpose + ".key");
        try
        {
            OwnerOnly.CreateDirectory(directory);
            if (!File.Exists(path))
            {
                OwnerOnly.WriteNew(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            }

            if (Decode(File.ReadAllText(path).Trim()) is not { } key)
            {
                failures.Add($"The key file {path} does not hold base64 of at least 32 bytes.");
                return null;
            }

            var id = "file-" + Convert.ToHexString(SHA256.HashData(key))[..8].ToLowerInvariant();
            return new KeyRing(purpose, id, new Dictionary<string, byte[]> { [id] = key }, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failures.Add($"{KeyDirectory}: cannot keep the {purpose} key in {directory}: {e.Message}");
            return null;
        }
    }

    private static byte[]? Decode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var length) && length >= 32 ? buffer[..length] : null;
    }
}

/// <summary>Files and folders only the process owner may read (secrets written by the platform itself).</summary>
public static class OwnerOnly
{
    public static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Writes a new file readable and writable by the owner only; an existing file is left as it is.</summary>
    public static bool WriteNew(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }
}
