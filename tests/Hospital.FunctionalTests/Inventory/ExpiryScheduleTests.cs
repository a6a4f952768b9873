using Hospital.Contracts.Alerts;
using Hospital.Contracts.Inventory;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Inventory;

/// <summary>
/// Expiry is checked by a reminder, not only on the next movement: a lot that expires while the system runs raises its
/// alert by itself, and so does one that expires while the system is down, once it is back.
/// </summary>
public sealed class ExpiryScheduleTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private PlatformHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = PlatformHost.Sqlite();
        settings["Hospital:Inventory:ExpiryCheckPeriod"] = "00:00:01";
        _host = await PlatformHost.StartAsync(settings, s => s.AddSingleton<Hospital.Contracts.Common.HospitalTime>(_clock));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private async Task<string> StockedBinAsync()
    {
        var id = "EXP-" + Guid.NewGuid().ToString("N")[..8];
        var bin = _host.Grains.GetGrain<ISupplyBinGrain>(id);
        await bin.Create(new BinSpec("W-EXP", new Item("SKU-EXP", "Heparin 5000IU", "vial", null), 20, 5));
        await bin.Restock(10, "L-SOON", Today.AddDays(1));
        return id;
    }

    private Task<Alert?> WaitForExpiredAsync(string binId) => _host.WaitForOpenAlertAsync(new AlertQuery(Kind: "Expired", Subject: binId));

    [Fact]
    public async Task ALotThatExpiresWhileTheSystemRunsRaisesExpiredWithoutAnyMovement()
    {
        var binId = await StockedBinAsync();

        _clock.Advance(TimeSpan.FromDays(2));

        var alert = await WaitForExpiredAsync(binId);
        Assert.NotNull(alert);
        Assert.Equal((AlertSeverity.Critical, "W-EXP"), (alert.Severity, alert.WardId));
    }

    [Fact]
    public async Task ALotThatExpiresWhileTheSystemIsDownRaisesExpiredOnceItIsBack()
    {
        var binId = await StockedBinAsync();

        await _host.RestartAsync(whileStopped: () => _clock.Advance(TimeSpan.FromDays(2)));

        Assert.NotNull(await WaitForExpiredAsync(binId));
    }
}
