using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>Stock moving both ways between two bins at the same moment (no crash).</summary>
[Collection(IntegrityCollection.Name)]
public sealed class StockRaceTests(HospitalFactory factory) : IClassFixture<HospitalFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task OppositeStockTransfersAtOnceBothAnswerWithinFiveSecondsAndConserveUnits()
    {
        var sku = "RACE-" + Guid.NewGuid().ToString("N")[..8];
        var bins = new[] { sku + "-A", sku + "-B" };
        foreach (var bin in bins)
        {
            (await _client.PostAsJsonAsync("/api/supply-bins", new { id = bin, locationId = "W-RACE", sku, name = "Race gauze", unit = "pack", par = 100, reorderPoint = 5 })).EnsureSuccessStatusCode();
            (await _client.PostAsJsonAsync($"/api/supply-bins/{bin}/restock", new { quantity = 50, lot = "R1", expiry = SmallHospital.Expiry })).EnsureSuccessStatusCode();
        }

        for (var round = 0; round < 3; round++)
        {
            var both = Task.WhenAll(
                _client.PostAsJsonAsync($"/api/supply-bins/{bins[0]}/transfer", new { toBinId = bins[1], quantity = 5 }),
                _client.PostAsJsonAsync($"/api/supply-bins/{bins[1]}/transfer", new { toBinId = bins[0], quantity = 7 }));
            var answered = await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(5))) == both;

            Assert.True(answered, $"round {round}: opposite stock transfers did not both answer within 5 s");
            Assert.All(await both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            // A transfer answers once the source's commit is durable; the target holds the units milliseconds later.
            async Task<int[]> OnHand() => await Task.WhenAll(bins.Select(async b => (await (await _client.GetAsync($"/api/supply-bins/{b}")).ReadJsonAsync()).GetProperty("onHand").GetInt32()));
            var onHand = await OnHand();
            for (var wait = 0; onHand.Sum() != 100 && wait < 50; wait++)
            {
                await Task.Delay(100);
                onHand = await OnHand();
            }

            Assert.Equal(100, onHand.Sum());
            Assert.Equal(50 + (round + 1) * 2, onHand[0]);
        }
    }
}
