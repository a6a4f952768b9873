using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;
using Hospital.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Hospital.FunctionalTests.Seeding;

/// <summary>
/// <c>Hospital:Seed:OnFirstStart</c> in real processes on PostgreSQL with its default max_connections: a seed cut short
/// is completed at the next start, and one that fails is retried without stopping the process.
/// </summary>
public sealed class FirstStartSeedTests(ITestOutputHelper output)
{
    private const int Wards = 12;
    private const int BedsPerWard = 30;
    private const string DemoPassword = "demo-password-for-tests";

    private static Dictionary<string, string> Seeding(string connectionString, int wards = Wards) => new()
    {
        ["Hospital:Storage"] = "Postgres",
        ["ConnectionStrings:Hospital"] = connectionString,
        ["Hospital:Orleans:ClusterId"] = "seed-" + Guid.NewGuid().ToString("N")[..8],
        ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
        ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
        [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
        ["Hospital:Seed:OnFirstStart"] = "true",
        ["Hospital:Seed:Wards"] = wards.ToString(),
        ["Hospital:Seed:BedsPerWard"] = BedsPerWard.ToString(),
        ["Hospital:Seed:DemoPassword"] = DemoPassword,
    };

    [Fact]
    public async Task ASeedCutShortByAKillIsCompletedAtTheNextStartWithinTheProcessConnectionBudget()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using var api = await HospitalProcess.StartApiAsync(Seeding(database));
        int peak;
        string split;
        await using (var connections = ConnectionPeak.Watch(database))
        {
            await WaitForAsync(() => api.Output.Contains("Seeded ward 1/"), api);
            await api.KillAsync();
            var killedAt = api.Output.Length;

            await api.RestartAsync();
            await WaitForAsync(() => api.Output[killedAt..].Contains($"Seeded {Wards} wards x {BedsPerWard} beds"), api);
            (peak, split) = (connections.Max, connections.Split);
        }

        output.WriteLine($"peak {peak} connections ({split})");
        using var admin = await api.AdminClientAsync();
        var wards = (await (await admin.GetAsync("/api/census")).ReadJsonAsync()).GetProperty("wards").EnumerateArray().ToList();
        Assert.Equal(Wards, wards.Count);
        Assert.All(wards, w => Assert.Equal(BedsPerWard, w.GetProperty("total").GetInt32()));
        // Each ward's queue was topped up to its drawn length (0-2), not filled again by the second run.
        Assert.All(wards, w => Assert.InRange(w.GetProperty("pendingAdmissions").GetInt32(), 0, 2));
        Assert.InRange(wards.Sum(w => w.GetProperty("occupied").GetInt32()), Wards * BedsPerWard / 2, Wards * BedsPerWard);
        using var anonymous = api.CreateClient();
        Assert.NotEmpty(await TestAuth.TokenAsync(anonymous, "nurse", DemoPassword));
        // One process: its own pool (8) and Orleans' (4) by default.
        Assert.True(peak <= 12, $"{peak} connections at the peak ({split})");
        Assert.DoesNotContain("53300", api.Output);
    }

    [Fact]
    public async Task ASeedThatFailsIsRetriedAndCompletesWithoutStoppingTheProcess()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await PostgresSchema.MigrateAsync(database, NullLogger.Instance);
        await PostgresServer.RenameTableAsync(database, "hospital_grain_state", "hospital_grain_state_gone");
        await using var silo = await HospitalProcess.StartSiloAsync(new Dictionary<string, string>(Seeding(database, wards: 3))
        {
            ["Hospital:MigrateOnStartup"] = "false",
        });

        await WaitForAsync(() => silo.Output.Contains("Demo seed attempt 2 failed"), silo);
        Assert.True(silo.IsRunning);
        await PostgresServer.RenameTableAsync(database, "hospital_grain_state_gone", "hospital_grain_state");

        await WaitForAsync(() => silo.Output.Contains($"Seeded 3 wards x {BedsPerWard} beds"), silo);
        Assert.True(silo.IsRunning);
        using var http = silo.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
    }

    private static async Task WaitForAsync(Func<bool> condition, HospitalProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out:\n{process.Output}");
            Assert.True(process.IsRunning, $"The process stopped:\n{process.Output}");
            await Task.Delay(20);
        }
    }
}
