using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>
/// The api with its co-hosted silo in the test process, on a fresh SQLite file (or a fresh PostgreSQL database) and
/// free Orleans ports, so test classes can run side by side.
/// </summary>
public class HospitalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public HospitalFactory()
    {
        _settings = new Dictionary<string, string?>
        {
            ["Hospital:DataDirectory"] = TestPaths.NewDataDirectory(),
            ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
            ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
            ["Hospital:Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
        };
    }

    /// <summary>Overrides a setting; call before the first client is created.</summary>
    public HospitalFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public string DataDirectory => _settings["Hospital:DataDirectory"]!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteApiCollection : ICollectionFixture<HospitalFactory>
{
    public const string Name = "sqlite-api";
}
