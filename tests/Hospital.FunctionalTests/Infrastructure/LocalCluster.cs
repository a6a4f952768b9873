namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>
/// Settings and processes of a real cluster on loopback: silo processes and api processes in client mode on one
/// PostgreSQL database, with failure detection tightened so a killed silo is declared dead in seconds rather than the
/// production default.
/// </summary>
public static class LocalCluster
{
    public static async Task<Dictionary<string, string>> SettingsAsync(string? connectionString = null) => new()
    {
        ["Hospital:Storage"] = "Postgres",
        ["ConnectionStrings:Hospital"] = connectionString ?? await PostgresServer.CreateDatabaseAsync(),
        ["Hospital:Orleans:ClusterId"] = "cluster-" + Guid.NewGuid().ToString("N")[..8],
        [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
        ["Hospital:Orleans:Membership:ProbeTimeout"] = "00:00:01",
        ["Hospital:Orleans:Membership:NumMissedProbesLimit"] = "2",
        ["Hospital:Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Hospital:Orleans:ResponseTimeout"] = "00:00:05",
    };

    /// <summary>A silo process on fresh Orleans ports; <paramref name="more"/> adds or overrides settings.</summary>
    public static Task<HospitalProcess> SiloAsync(Dictionary<string, string> cluster, IDictionary<string, string>? more = null) =>
        HospitalProcess.StartSiloAsync(With(cluster, more, new Dictionary<string, string>
        {
            ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
            ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
        }));

    /// <summary>An api process joining the cluster as a client.</summary>
    public static Task<HospitalProcess> ApiAsync(Dictionary<string, string> cluster, IDictionary<string, string>? more = null) =>
        HospitalProcess.StartApiAsync(With(cluster, more, new Dictionary<string, string>
        {
            ["Hospital:Orleans:Mode"] = "Client",
            ["Hospital:MigrateOnStartup"] = "false",
        }));

    private static Dictionary<string, string> With(Dictionary<string, string> cluster, IDictionary<string, string>? more, Dictionary<string, string> role)
    {
        var settings = new Dictionary<string, string>(cluster);
        foreach (var (key, value) in role.Concat(more ?? new Dictionary<string, string>()))
        {
            settings[key] = value;
        }

        return settings;
    }
}
