using Hospital.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>
/// The platform's silo host as production composes it (real storage engine, co-hosted silo), in the test process, with
/// fresh Orleans ports; restartable on the same storage.
/// </summary>
public sealed class PlatformHost : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private IHost? _host;

    private PlatformHost(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _services = services;
    }

    public IServiceProvider Services => _host!.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public static async Task<PlatformHost> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        settings["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString();
        settings["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString();
        settings["Hospital:Orleans:ClusterId"] = "host-" + Guid.NewGuid().ToString("N")[..8];
        var host = new PlatformHost(settings, services);
        await host.StartAsync();
        return host;
    }

    public static Dictionary<string, string?> Sqlite() => new()
    {
        ["Hospital:Storage"] = "Sqlite",
        ["Hospital:DataDirectory"] = TestPaths.NewDataDirectory(),
    };

    private async Task StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(_settings);
        builder.AddHospitalPlatform("platform-test", mayBeClient: false);
        _services?.Invoke(builder.Services);
        _host = builder.Build();
        await _host.StartAsync();
    }

    /// <summary>Stops the silo cleanly and starts a new one on the same storage.</summary>
    public async Task RestartAsync(Action? whileStopped = null)
    {
        await StopAsync();
        whileStopped?.Invoke();
        await StartAsync();
    }

    private async Task StopAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
            _host = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The first open alert matching <paramref name="query"/>, waiting up to 20 s for a schedule to raise it.</summary>
    public async Task<Hospital.Contracts.Alerts.Alert?> WaitForOpenAlertAsync(Hospital.Contracts.Alerts.AlertQuery query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var alerts = await Grains.GetGrain<Hospital.Contracts.Alerts.IAlertsGrain>(0).Query(query with { Status = Hospital.Contracts.Alerts.AlertStatus.Open });
            if (alerts.Count > 0)
            {
                return alerts[0];
            }

            await Task.Delay(200);
        }

        return null;
    }
}

/// <summary>
/// Hospital time as the system clock plus an offset the test moves forward: days pass in a moment for the hospital's
/// rules while Orleans keeps real time.
/// </summary>
public sealed class ManualClock : Hospital.Contracts.Common.HospitalTime
{
    public TimeSpan Offset { get; private set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Offset += by;
}
