using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Platform;

public sealed class ClusterTests
{
    [Fact]
    public async Task ASiloProcessAndAnApiProcessInClientModeServeTheSamePatient()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        var cluster = new Dictionary<string, string>
        {
            ["Hospital:Storage"] = "Postgres",
            [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
            ["ConnectionStrings:Hospital"] = connectionString,
            ["Hospital:Orleans:ClusterId"] = "cluster-" + Guid.NewGuid().ToString("N")[..8],
        };
        await using var silo = await HospitalProcess.StartSiloAsync(new Dictionary<string, string>(cluster)
        {
            ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
            ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
        });
        await using var api = await HospitalProcess.StartApiAsync(new Dictionary<string, string>(cluster)
        {
            ["Hospital:Orleans:Mode"] = "Client",
            ["Hospital:MigrateOnStartup"] = "false",
        });
        using var client = await api.AdminClientAsync();

        var mrn = await Requests.RegisterAsync(client, Requests.Patient("Clustered", "Patient"));
        var read = await client.GetAsync($"/api/patients/{mrn}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Patient", (await read.ReadJsonAsync()).GetProperty("name").GetProperty("family").GetString());
        Assert.DoesNotContain("Orleans.Runtime.Silo", api.Output);
        Assert.Contains("Clustered", await (await client.GetAsync($"/api/journal?mrn={mrn}")).Content.ReadAsStringAsync());
    }
}
