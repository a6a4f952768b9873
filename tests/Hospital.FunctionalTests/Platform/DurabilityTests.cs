using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Platform;

/// <summary>
/// A real api process is killed with SIGKILL right after acknowledging writes; started again on the same storage it
/// must have every one of them.
/// </summary>
public sealed class DurabilityTests
{
    private const int Writes = 60;

    [Fact]
    public async Task EveryAcknowledgedRegistrationSurvivesSigkillWithSqlite()
    {
        var settings = new Dictionary<string, string>
        {
            ["Hospital:Storage"] = "Sqlite",
            [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
            ["Hospital:DataDirectory"] = TestPaths.NewDataDirectory(),
        };

        await AcknowledgedWritesSurviveSigkillAsync(settings);
    }

    [Fact]
    public async Task EveryAcknowledgedRegistrationSurvivesSigkillWithPostgres()
    {
        var settings = new Dictionary<string, string>
        {
            ["Hospital:Storage"] = "Postgres",
            [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
            ["ConnectionStrings:Hospital"] = await PostgresServer.CreateDatabaseAsync(),
        };

        await AcknowledgedWritesSurviveSigkillAsync(settings);
    }

    private static async Task AcknowledgedWritesSurviveSigkillAsync(Dictionary<string, string> settings)
    {
        settings["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString();
        settings["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString();
        settings["Hospital:Orleans:ClusterId"] = "kill-" + Guid.NewGuid().ToString("N")[..8];
        var acknowledged = new List<(string Mrn, string Family)>();
        await using (var first = await HospitalProcess.StartApiAsync(settings))
        {
            using var client = await first.AdminClientAsync();
            // Concurrent writers, so the kill lands while commits are in flight.
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async writer =>
            {
                for (var i = 0; i < Writes / 4; i++)
                {
                    var family = $"Kill{writer}x{i}";
                    var response = await client.PostAsJsonAsync("/api/patients", Requests.Patient("Dur", family));
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    var mrn = (await response.ReadJsonAsync()).GetProperty("mrn").GetString()!;
                    lock (acknowledged)
                    {
                        acknowledged.Add((mrn, family));
                    }
                }
            }));
            await first.KillAsync();
        }

        await using var second = await HospitalProcess.StartApiAsync(settings);
        using var after = await second.AdminClientAsync();
        foreach (var (mrn, family) in acknowledged)
        {
            var response = await after.GetAsync($"/api/patients/{mrn}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{mrn} lost after SIGKILL:\n{second.Output}");
            Assert.Equal(family, (await response.ReadJsonAsync()).GetProperty("name").GetProperty("family").GetString());
        }

        // Numbers handed out before the kill are never reused.
        var next = await Requests.RegisterAsync(after);
        Assert.DoesNotContain(next, acknowledged.Select(a => a.Mrn));
    }
}
