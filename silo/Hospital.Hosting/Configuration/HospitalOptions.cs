namespace Hospital.Hosting.Configuration;

public enum StorageKind
{
    /// <summary>One SQLite file under the data directory: the all-in-one default.</summary>
    Sqlite,
    /// <summary>PostgreSQL: Orleans' ADO.NET providers for clustering and reminders, Npgsql for grain state and the rest.</summary>
    Postgres,
}

public enum OrleansMode
{
    /// <summary>The process runs a silo itself.</summary>
    CoHosted,
    /// <summary>The process joins an existing cluster as a client (api only).</summary>
    Client,
}

/// <summary>Settings under <c>Hospital</c>.</summary>
public sealed class HospitalOptions
{
    public const string Section = "Hospital";

    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>Where the SQLite file lives in all-in-one mode.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Apply PostgreSQL migrations when the process starts (SQLite is always migrated).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public OrleansSettings Orleans { get; set; } = new();

    public ApiSettings Api { get; set; } = new();

    public PostgresSettings Postgres { get; set; } = new();

    /// <summary>Filled from <c>ConnectionStrings:Hospital</c>.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class OrleansSettings
{
    public OrleansMode Mode { get; set; } = OrleansMode.CoHosted;
    public string ClusterId { get; set; } = "hospital";
    public string ServiceId { get; set; } = "orleans-hospital";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one on; in Kubernetes the pod IP. Default: loopback.</summary>
    public string? AdvertisedIPAddress { get; set; }
}

public sealed class ApiSettings
{
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// The connections a process may hold on PostgreSQL (README "Connection budget"): its own pool (grain state, journal,
/// search, health) and the pool of Orleans' ADO.NET providers (membership, reminders).
/// A caller that finds its pool full waits up to <see cref="ConnectionTimeout"/> for a connection instead of failing.
/// </summary>
public sealed class PostgresSettings
{
    public int MaxPoolSize { get; set; } = 8;
    public int OrleansMaxPoolSize { get; set; } = 4;
    public TimeSpan ConnectionTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The most connections one process opens.</summary>
    public int PerProcess => MaxPoolSize + OrleansMaxPoolSize;
}
