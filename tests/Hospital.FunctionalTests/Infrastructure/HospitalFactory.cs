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
            [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
            // Factories run side by side: none takes the default HL7 port unless a test asks for one.
            ["Hospital:Hl7:MllpPort"] = "0",
        };
    }

    /// <summary>Overrides a setting; call before the first client is created.</summary>
    public HospitalFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public string DataDirectory => _settings["Hospital:DataDirectory"]!;

    private string? _adminToken;

    /// <summary>Clients from <c>CreateClient()</c> are signed in as the bootstrap admin.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        _adminToken ??= TestAuth.TokenAsync(CreateAnonymousClient()).GetAwaiter().GetResult();
        client.WithToken(_adminToken);
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = Server.CreateClient();
        client.BaseAddress = new Uri("http://localhost");
        return client;
    }

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
