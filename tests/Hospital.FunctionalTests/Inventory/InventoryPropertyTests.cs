using Hospital.Contracts.Alerts;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Inventory;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Inventory;

/// <summary>
/// Property tests on the real SQLite host: random movement sequences (consume, restock, count, transfer, levels,
/// disposal) while days pass; after every step on-hand equals the sum of lots and is never negative, no expired lot
/// is consumed, and exactly one active alert exists per bin and condition while the condition holds (none otherwise).
/// </summary>
public sealed class InventoryPropertyTests : IAsyncLifetime
{
    private const int ExpiringWithinDays = 30;
    private readonly ManualClock _clock = new();
    private PlatformHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = PlatformHost.Sqlite();
        settings["Hospital:Inventory:ExpiringWithinDays"] = ExpiringWithinDays.ToString();
        _host = await PlatformHost.StartAsync(settings, s => s.AddSingleton<Hospital.Contracts.Common.HospitalTime>(_clock));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task InvariantsHoldAfterEveryMovement(int seed)
    {
        var random = new Random(seed);
        var location = "LOC" + seed + Guid.NewGuid().ToString("N")[..4];
        var ids = new[] { location + "-A", location + "-B" };
        foreach (var id in ids)
        {
            await _host.Grains.GetGrain<ISupplyBinGrain>(id).Create(new BinSpec(location, new Item("SKU-" + location, "Saline 10ml", "each", null), 40, 10));
        }

        var applied = 0;
        for (var step = 0; step < 50; step++)
        {
            var id = ids[random.Next(2)];
            var bin = _host.Grains.GetGrain<ISupplyBinGrain>(id);
            var before = (await bin.Get())!;
            var totalBefore = await TotalAsync(ids);
            var expiredBefore = before.Lots.Where(l => l.Expiry < Today).ToList();
            var operation = random.Next(8);
            try
            {
                switch (operation)
                {
                    case 0 or 1: await bin.Consume(random.Next(1, 15), null, null); break;
                    case 2 or 3: await bin.Restock(random.Next(1, 25), "L" + random.Next(4), Today.AddDays(random.Next(0, 60))); break;
                    case 4: await TransferAsync(bin, ids.First(i => i != id), random.Next(1, 10)); break;
                    case 5: await bin.CycleCount(before.Lots.Select(l => l with { Quantity = Math.Max(0, l.Quantity + random.Next(-3, 3)) }).ToList(), "weekly count"); break;
                    case 6: await bin.SetLevels(random.Next(20, 60), random.Next(0, 20)); break;
                    default:
                        _clock.Advance(TimeSpan.FromDays(random.Next(1, 20)));
                        await bin.Reassess();
                        break;
                }

                applied++;
            }
            catch (HospitalException e) when (e.Kind == HospitalErrorKind.Conflict)
            {
                // Refused (not enough usable stock): nothing may have changed.
                Assert.Equal(before.Version, (await bin.Get())!.Version);
            }

            var after = (await bin.Get())!;
            if (operation == 4)
            {
                Assert.True(totalBefore == await TotalAsync(ids), $"seed {seed} step {step}: a transfer changed the units in all ({totalBefore})");
            }

            if (operation is 0 or 1 or 4)
            {
                // Consumption and transfers never touch an expired lot.
                foreach (var lot in expiredBefore)
                {
                    Assert.Equal(lot.Quantity, after.Lots.Where(l => l.Lot == lot.Lot && l.Expiry == lot.Expiry).Sum(l => l.Quantity));
                }
            }

            foreach (var binId in ids)
            {
                await AssertInvariants(binId, $"seed {seed} step {step} op {operation}");
            }
        }

        Assert.True(applied > 25, $"only {applied} movements applied");
    }

    private async Task<int> TotalAsync(IEnumerable<string> ids)
    {
        var total = 0;
        foreach (var id in ids)
        {
            total += (await _host.Grains.GetGrain<ISupplyBinGrain>(id).Get())!.OnHand;
        }

        return total;
    }

    /// <summary>A transfer, then a wait until its target has applied it (the source answers before the target has).</summary>
    private async Task TransferAsync(ISupplyBinGrain source, string targetId, int quantity)
    {
        var target = _host.Grains.GetGrain<ISupplyBinGrain>(targetId);
        var before = (await target.Get())!.Version;
        await source.TransferTo(targetId, quantity);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await target.Get())!.Version == before)
        {
            Assert.True(DateTime.UtcNow < deadline, $"transfer to {targetId} not applied");
            await Task.Delay(10);
        }
    }

    private async Task AssertInvariants(string binId, string context)
    {
        var bin = (await _host.Grains.GetGrain<ISupplyBinGrain>(binId).Reassess())!;
        Assert.True(bin.OnHand == bin.Lots.Sum(l => l.Quantity), $"{context}: on-hand {bin.OnHand} vs lots");
        Assert.True(bin.OnHand >= 0 && bin.Lots.All(l => l.Quantity > 0), $"{context}: negative or empty lot");
        Assert.Equal(bin.OnHand == 0 ? StockStatus.Out : bin.OnHand <= bin.ReorderPoint ? StockStatus.Low : StockStatus.Ok, bin.Status);

        var expected = new List<string>();
        if (bin.Status == StockStatus.Out) expected.Add($"OutOfStock|{binId}");
        if (bin.Status == StockStatus.Low) expected.Add($"LowStock|{binId}");
        foreach (var lot in bin.Lots)
        {
            if (lot.Expiry < Today) expected.Add($"Expired|{binId}|{lot.Lot}|{lot.Expiry:yyyy-MM-dd}");
            else if (lot.Expiry <= Today.AddDays(ExpiringWithinDays)) expected.Add($"Expiring|{binId}|{lot.Lot}|{lot.Expiry:yyyy-MM-dd}");
        }

        if (bin.Status != StockStatus.Out && bin.DaysOfSupply < 3) expected.Add($"LowDaysOfSupply|{binId}");

        var alerts = _host.Grains.GetGrain<IAlertsGrain>(0);
        var active = (await alerts.Query(new AlertQuery(Subject: binId, Limit: 1000))).Where(a => a.Status != AlertStatus.Resolved).ToList();
        Assert.True(active.Count == active.Select(a => a.Key).Distinct().Count(), $"{context}: duplicate active alerts");
        Assert.True(expected.Order().SequenceEqual(active.Select(a => a.Key).Order()),
            $"{context}: expected [{string.Join(", ", expected)}] but active [{string.Join(", ", active.Select(a => a.Key))}]");
    }
}
