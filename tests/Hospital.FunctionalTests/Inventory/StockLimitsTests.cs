using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Inventory;

/// <summary>Every stock quantity is between its bounds (at most 1,000,000) and every lot expiry within 20 years.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class StockLimitsTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static string InAYear => DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd");

    private async Task<string> BinAsync(int restock)
    {
        var (ward, _) = await Requests.WardAsync(_client, beds: 0);
        var bin = ward + "-GAUZE";
        (await _client.PostAsJsonAsync("/api/supply-bins", new { id = bin, locationId = ward, sku = "GZE", name = "Gauze", unit = "pack", par = 40, reorderPoint = 10 })).EnsureSuccessStatusCode();
        if (restock > 0)
        {
            (await _client.PostAsJsonAsync($"/api/supply-bins/{bin}/restock", new { quantity = restock, lot = "L1", expiry = InAYear })).EnsureSuccessStatusCode();
        }

        return bin;
    }

    public static TheoryData<string, object, string> HugeOrMeaninglessQuantities => new()
    {
        { "consume", new { quantity = 1_000_001 }, "quantity" },
        { "consume", new { quantity = 0 }, "quantity" },
        { "restock", new { quantity = 2_000_000_000, lot = "L2", expiry = InAYear }, "quantity" },
        { "restock", new { quantity = -5, lot = "L2", expiry = InAYear }, "quantity" },
        { "transfer", new { toBinId = "X1", quantity = int.MaxValue }, "quantity" },
        { "count", new { reason = "audit", lots = new[] { new { lot = "L1", expiry = InAYear, quantity = 1_000_001 } } }, "lots[0].quantity" },
        { "count", new { reason = "audit", lots = Enumerable.Range(0, 3).Select(i => new { lot = $"L{i}", expiry = InAYear, quantity = 600_000 }).ToArray() }, "lots" },
        { "restock", new { quantity = 5, lot = "L2", expiry = "9999-12-31" }, "expiry" },
        { "restock", new { quantity = 5, lot = "L2", expiry = "2001-01-01" }, "expiry" },
        { "count", new { reason = "audit", lots = new[] { new { lot = "L1", expiry = "0001-01-01", quantity = 1 } } }, "lots[0].expiry" },
    };

    [Theory]
    [MemberData(nameof(HugeOrMeaninglessQuantities))]
    public async Task AQuantityOrExpiryOutOfRangeIsA400AndChangesNothing(string action, object body, string field)
    {
        var bin = await BinAsync(restock: 20);
        var before = await (await _client.GetAsync($"/api/supply-bins/{bin}")).ReadJsonAsync();

        await (await _client.PostAsJsonAsync($"/api/supply-bins/{bin}/{action}", body)).AssertInvalidAsync(field);

        var after = await (await _client.GetAsync($"/api/supply-bins/{bin}")).ReadJsonAsync();
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task ParBeyondTheMaximumIsA400()
    {
        var bin = await BinAsync(restock: 0);

        await (await _client.PutAsJsonAsync($"/api/supply-bins/{bin}/levels", new { par = 1_000_001, reorderPoint = 10 })).AssertInvalidAsync("par");
    }

    [Fact]
    public async Task RestockingABinPastItsCapacityIsA409AndChangesNothing()
    {
        var bin = await BinAsync(restock: 1_000_000);

        var response = await _client.PostAsJsonAsync($"/api/supply-bins/{bin}/restock", new { quantity = 1, lot = "L2", expiry = InAYear });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(1_000_000, (await (await _client.GetAsync($"/api/supply-bins/{bin}")).ReadJsonAsync()).GetProperty("onHand").GetInt32());
    }
}
