using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// The platform as real processes, with the ones a crash test may SIGKILL: the all-in-one api on SQLite or PostgreSQL,
/// or a PostgreSQL cluster of two silos and an api in client mode (a silo is the victim, the api keeps serving).
/// </summary>
public sealed class CrashPlatform : IAsyncDisposable
{
    private readonly List<HospitalProcess> _processes;
    private readonly IReadOnlyList<HospitalProcess> _victims;

    private CrashPlatform(string name, List<HospitalProcess> processes, HospitalProcess api, IReadOnlyList<HospitalProcess> victims)
    {
        Name = name;
        _processes = processes;
        Api = api;
        _victims = victims;
    }

    public string Name { get; }

    public HospitalProcess Api { get; }

    public static async Task<CrashPlatform> SqliteAsync() => await AllInOneAsync("sqlite", new Dictionary<string, string>
    {
        ["Hospital:Storage"] = "Sqlite",
        ["Hospital:DataDirectory"] = TestPaths.NewDataDirectory(),
    });

    public static async Task<CrashPlatform> PostgresAsync() => await AllInOneAsync("postgres", new Dictionary<string, string>
    {
        ["Hospital:Storage"] = "Postgres",
        ["ConnectionStrings:Hospital"] = await PostgresServer.CreateDatabaseAsync(),
    });

    private static async Task<CrashPlatform> AllInOneAsync(string name, Dictionary<string, string> settings)
    {
        settings[TestAuth.BootstrapSetting] = TestAuth.AdminPassword;
        settings["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString();
        settings["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString();
        settings["Hospital:Orleans:ClusterId"] = "crash-" + Guid.NewGuid().ToString("N")[..8];
        // A call stuck behind a deadlock fails after 10 s instead of 30 s, so traffic keeps moving.
        settings["Hospital:Orleans:ResponseTimeout"] = "00:00:10";
        var api = await HospitalProcess.StartApiAsync(settings);
        return new CrashPlatform(name, [api], api, [api]);
    }

    /// <summary>Two silos and one api client; failure detection tightened so a dead silo is declared in seconds.</summary>
    public static async Task<CrashPlatform> PostgresClusterAsync()
    {
        var cluster = new Dictionary<string, string>
        {
            ["Hospital:Storage"] = "Postgres",
            ["ConnectionStrings:Hospital"] = await PostgresServer.CreateDatabaseAsync(),
            ["Hospital:Orleans:ClusterId"] = "crash-" + Guid.NewGuid().ToString("N")[..8],
            [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
            ["Hospital:Orleans:Membership:ProbeTimeout"] = "00:00:01",
            ["Hospital:Orleans:Membership:NumMissedProbesLimit"] = "2",
            ["Hospital:Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
            ["Hospital:Orleans:ResponseTimeout"] = "00:00:10",
        };
        var started = new List<HospitalProcess>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                started.Add(await HospitalProcess.StartSiloAsync(new Dictionary<string, string>(cluster)
                {
                    ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
                    ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
                }));
            }

            var api = await HospitalProcess.StartApiAsync(new Dictionary<string, string>(cluster)
            {
                ["Hospital:Orleans:Mode"] = "Client",
                ["Hospital:MigrateOnStartup"] = "false",
            });
            started.Add(api);
            return new CrashPlatform("postgres-cluster", started, api, started[..2]);
        }
        catch
        {
            foreach (var process in Enumerable.Reverse(started))
            {
                await process.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>SIGKILLs one victim, starts it again on the same storage and waits until the api serves grain calls.</summary>
    public async Task KillAndRestartAsync(Random random)
    {
        var victim = _victims[random.Next(_victims.Count)];
        await victim.KillAsync();
        await victim.RestartAsync();
        await WaitUntilServingAsync();
    }

    /// <summary>Ready is not enough in client mode: wait until a grain call (the census) answers.</summary>
    public async Task WaitUntilServingAsync()
    {
        using var session = new ApiSession(Api.BaseUrl, TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                await session.SignInAsync();
                if ((await session.Http.GetAsync("/api/census")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name}: not serving 90 s after a restart:\n{string.Join("\n---\n", _processes.Select(p => p.Output[^Math.Min(4000, p.Output.Length)..]))}");
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }
}
