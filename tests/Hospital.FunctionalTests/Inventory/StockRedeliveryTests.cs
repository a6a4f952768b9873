using Hospital.Contracts.Alerts;
using Hospital.Contracts.Inventory;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Inventory;

/// <summary>
/// On the real host (SQLite and PostgreSQL), a bin's messages whose delivery fails (as if the process died between the bin's commit
/// and the receiver's answer) are delivered again by the outbox sweeper, and applied once: no alert and no unit is
/// lost or counted twice.
/// </summary>
public abstract class StockRedeliveryTests : IAsyncLifetime
{
    private readonly FaultyCalls _faults = new();
    private PlatformHost _host = null!;

    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    public async Task InitializeAsync() =>
        _host = await PlatformHost.StartAsync(await SettingsAsync(), s => s.AddSingleton<IIncomingGrainCallFilter>(_faults));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<ISupplyBinGrain> BinAsync(string location, int restock)
    {
        var bin = _host.Grains.GetGrain<ISupplyBinGrain>(location + "-" + Guid.NewGuid().ToString("N")[..6]);
        await bin.Create(new BinSpec(location, new Item("SKU-" + location, "Saline 10ml", "each", null), 40, 10));
        if (restock > 0)
        {
            await bin.Restock(restock, "L1", DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        }

        return bin;
    }

    private async Task<IReadOnlyList<Alert>> ActiveAsync(string binId) =>
        (await _host.Grains.GetGrain<IAlertsGrain>(0).Query(new AlertQuery(Subject: binId))).Where(a => a.Status != AlertStatus.Resolved).ToList();

    [Fact]
    public async Task AnAlertWhoseDeliveryFailedIsOpenedOnceByTheSweeper()
    {
        var location = "RD" + Guid.NewGuid().ToString("N")[..6];
        var bin = await BinAsync(location, restock: 20);
        var binId = bin.GetPrimaryKeyString();
        _faults.FailBefore("IAlertsGrain.Apply");

        var after = await bin.Consume(12, null, null);

        Assert.Equal(StockStatus.Low, after.Status);
        Assert.Empty(await ActiveAsync(binId));
        Assert.True(await FaultyCalls.EventuallyAsync(async () => (await ActiveAsync(binId)).Count > 0), "the sweeper never delivered the alert");
        await Task.Delay(1500);
        Assert.Equal([$"LowStock|{binId}"], (await ActiveAsync(binId)).Select(a => a.Key));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnitsOfATransferWhoseDeliveryFailedArriveOnce(bool failAfterApplying)
    {
        var location = "RT" + Guid.NewGuid().ToString("N")[..6];
        var source = await BinAsync(location, restock: 20);
        var target = await BinAsync(location, restock: 0);
        if (failAfterApplying)
        {
            _faults.FailAfter("ISupplyBinGrain.ReceiveTransfer");
        }
        else
        {
            _faults.FailBefore("ISupplyBinGrain.ReceiveTransfer");
        }

        var after = await source.TransferTo(target.GetPrimaryKeyString(), 7);

        Assert.Equal(13, after.OnHand);
        Assert.True(await FaultyCalls.EventuallyAsync(() => Task.FromResult(_faults.Calls("ISupplyBinGrain.ReceiveTransfer") >= 2)),
            "the sweeper never delivered the transfer again");
        Assert.True(await FaultyCalls.EventuallyAsync(async () => (await target.Get())!.OnHand == 7, seconds: 5));
        await Task.Delay(1500);
        Assert.Equal((13, 7), ((await source.Get())!.OnHand, (await target.Get())!.OnHand));
    }

    [Fact]
    public async Task UnitsInTheOutboxWhenTheSiloStopsArriveOnceAfterItRestarts()
    {
        var location = "RS" + Guid.NewGuid().ToString("N")[..6];
        var source = await BinAsync(location, restock: 20);
        var target = await BinAsync(location, restock: 0);
        _faults.FailBefore("ISupplyBinGrain.ReceiveTransfer");
        await source.TransferTo(target.GetPrimaryKeyString(), 7);

        await _host.RestartAsync();

        // References from the stopped silo's grain factory are gone with it.
        source = _host.Grains.GetGrain<ISupplyBinGrain>(source.GetPrimaryKeyString());
        target = _host.Grains.GetGrain<ISupplyBinGrain>(target.GetPrimaryKeyString());
        Assert.True(await FaultyCalls.EventuallyAsync(async () => (await target.Get())!.OnHand == 7), "the units never arrived");
        Assert.Equal((13, 7), ((await source.Get())!.OnHand, (await target.Get())!.OnHand));
    }
}

public sealed class SqliteStockRedeliveryTests : StockRedeliveryTests
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(PlatformHost.Sqlite());
}

public sealed class PostgresStockRedeliveryTests : StockRedeliveryTests
{
    protected override async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["Hospital:Storage"] = "Postgres",
        ["ConnectionStrings:Hospital"] = await PostgresServer.CreateDatabaseAsync(),
    };
}
