using Hospital.Contracts.Errors;
using Hospital.Contracts.Inventory;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Inventory;

/// <summary>A transfer is the source's commit plus a message the target applies once; refused units come back.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StockTransferTests(ClusterFixture fixture)
{
    private static readonly DateOnly NextYear = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1);

    private async Task<ISupplyBinGrain> Bin(string sku, int restock)
    {
        var bin = fixture.Grains.GetGrain<ISupplyBinGrain>("BIN-" + Guid.NewGuid().ToString("N")[..8]);
        await bin.Create(new BinSpec("STORE", new Item(sku, "Gauze", "pack", null), 40, 10));
        if (restock > 0)
        {
            await bin.Restock(restock, "L1", NextYear);
        }

        return bin;
    }

    private static async Task<SupplyBin> When(ISupplyBinGrain bin, Func<SupplyBin, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var now = (await bin.Get())!;
            if (match(now) || DateTime.UtcNow > deadline)
            {
                return now;
            }

            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task TheTargetAppliesATransferOnceHoweverOftenItIsDelivered()
    {
        var target = await Bin("GZ-1", restock: 0);
        var transfer = new StockTransferMessage("T-" + Guid.NewGuid().ToString("N"), "elsewhere", target.GetPrimaryKeyString(), "GZ-1", [new StockLot("L9", NextYear, 5)]);

        await transfer.DeliverAsync(fixture.Grains);
        await transfer.DeliverAsync(fixture.Grains);

        Assert.Equal(5, (await target.Get())!.OnHand);
    }

    [Fact]
    public async Task UnitsTheTargetCannotHoldComeBackToTheSource()
    {
        var source = await Bin("GZ-2", restock: 5);
        var target = await Bin("GZ-2", restock: StockLimits.MaxOnHand);

        var after = await source.TransferTo(target.GetPrimaryKeyString(), 5);

        Assert.Equal(0, after.OnHand);
        Assert.Equal(5, (await When(source, b => b.OnHand == 5)).OnHand);
        Assert.Equal(StockLimits.MaxOnHand, (await target.Get())!.OnHand);
    }

    [Fact]
    public async Task ARestockBeyondTheBinsBoundIsRefused()
    {
        var bin = await Bin("GZ-3", restock: StockLimits.MaxOnHand);

        var refused = await Assert.ThrowsAsync<HospitalException>(() => bin.Restock(1, "L2", NextYear));

        Assert.Equal(HospitalErrorKind.Conflict, refused.Kind);
        Assert.Equal(StockLimits.MaxOnHand, (await bin.Get())!.OnHand);
    }
}
