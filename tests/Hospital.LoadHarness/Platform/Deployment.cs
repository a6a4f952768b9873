using System.Diagnostics;
using Hospital.LoadHarness.Infrastructure;

namespace Hospital.LoadHarness.Platform;

/// <summary>
/// The platform under load, from its Release build on one PostgreSQL database: a silo plus an api in client mode
/// (the silo migrates), or one api co-hosting its silo.
/// </summary>
public sealed class Deployment : IAsyncDisposable
{
    public const string AdminPassword = "load-harness-admin-1";
    private readonly ReleaseBuild _build;
    private readonly List<string> _cluster;

    private Deployment(ReleaseBuild build, List<string> cluster, List<PlatformProcess> processes)
    {
        _build = build;
        _cluster = cluster;
        Processes = processes;
    }

    /// <summary>Silo first (when separate), the api last.</summary>
    public List<PlatformProcess> Processes { get; }

    public PlatformProcess Api => Processes[^1];

    public static async Task<Deployment> StartAsync(ReleaseBuild build, string connectionString, PlatformMode mode, string logDirectory)
    {
        var cluster = new List<string>
        {
            "--Hospital:Storage=Postgres",
            $"--ConnectionStrings:Hospital={connectionString}",
            $"--Hospital:Orleans:ClusterId=load-{Guid.NewGuid().ToString("N")[..8]}",
            $"--Hospital:Auth:BootstrapAdminPassword={AdminPassword}",
            // The harness signs in as admin; the saturated phases must measure the platform, not its per-user limit
            // (the rate limiter still runs on every request).
            "--Hospital:RateLimit:PrivilegedPermitsPerSecond=1000000",
        };
        var ports = new[] { $"--Hospital:Orleans:SiloPort={ThrowawayPostgres.FreePort()}", $"--Hospital:Orleans:GatewayPort={ThrowawayPostgres.FreePort()}" };
        var processes = new List<PlatformProcess>();
        var deployment = new Deployment(build, cluster, processes);
        try
        {
            if (mode == PlatformMode.Cluster)
            {
                processes.Add(await PlatformProcess.StartAsync("silo", build.SiloAssembly, [.. cluster, .. ports], Path.Combine(logDirectory, "silo.log")));
                processes.Add(await PlatformProcess.StartAsync("api", build.ApiAssembly,
                    [.. cluster, "--Hospital:Orleans:Mode=Client", "--Hospital:MigrateOnStartup=false"], Path.Combine(logDirectory, "api.log")));
            }
            else
            {
                processes.Add(await PlatformProcess.StartAsync("all-in-one", build.ApiAssembly, [.. cluster, .. ports], Path.Combine(logDirectory, "all-in-one.log")));
            }
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }

        return deployment;
    }

    public Dictionary<string, long> ResidentBytes() => Processes.ToDictionary(p => p.Name, p => p.ResidentBytes());

    /// <summary>
    /// <c>dotnet Hospital.Api.dll seed</c> joining the cluster as a client (cluster mode only: all-in-one holds the
    /// silo's ports); returns the wall time of the whole command and the time the seeder itself reported.
    /// </summary>
    public async Task<(TimeSpan Wall, string Output)> SeedWithCommandAsync(int wards, int bedsPerWard)
    {
        var started = Stopwatch.GetTimestamp();
        var output = await Shell.RunAsync("dotnet",
            $"\"{_build.ApiAssembly}\" seed --wards {wards} --beds-per-ward {bedsPerWard} --occupancy 0 " +
            string.Join(' ', _cluster.Select(a => $"\"{a}\"")) + " --Hospital:Orleans:Mode=Client --Hospital:MigrateOnStartup=false " +
            "--Logging:LogLevel:Default=Warning",
            Path.GetDirectoryName(_build.ApiAssembly));
        return (Stopwatch.GetElapsedTime(started), output);
    }

    public async ValueTask DisposeAsync()
    {
        // The api first, so the silo does not see a client vanish mid-call.
        for (var i = Processes.Count - 1; i >= 0; i--)
        {
            await Processes[i].DisposeAsync();
        }
    }
}
