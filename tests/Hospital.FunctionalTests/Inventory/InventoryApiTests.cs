using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hospital.FunctionalTests.Inventory;

/// <summary>Inventory through a real api process, with a real SignalR client listening for stock alerts.</summary>
public sealed class InventoryApiTests : IAsyncLifetime
{
    private HospitalProcess _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _api = await HospitalProcess.StartApiAsync(new Dictionary<string, string>
        {
            ["Hospital:DataDirectory"] = TestPaths.NewDataDirectory(),
            [TestAuth.BootstrapSetting] = TestAuth.AdminPassword,
            ["Hospital:Orleans:SiloPort"] = PostgresServer.FreePort().ToString(),
            ["Hospital:Orleans:GatewayPort"] = PostgresServer.FreePort().ToString(),
        });
        _client = await _api.AdminClientAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    private async Task<(string Ward, string Bin)> BinAsync(int restock = 20)
    {
        var ward = "W" + Guid.NewGuid().ToString("N")[..6];
        (await _client.PostAsJsonAsync("/api/wards", new { id = ward, name = "Ward", sexPolicy = "Mixed" })).EnsureSuccessStatusCode();
        var bin = ward + "-GLOVES-M";
        (await _client.PostAsJsonAsync("/api/supply-bins", new { id = bin, locationId = ward, sku = "GLV-M", name = "Gloves M", unit = "box", par = 40, reorderPoint = 10 })).EnsureSuccessStatusCode();
        if (restock > 0)
        {
            (await _client.PostAsJsonAsync($"/api/supply-bins/{bin}/restock", new { quantity = restock, lot = "L123", expiry = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd") })).EnsureSuccessStatusCode();
        }

        return (ward, bin);
    }

    [Fact]
    public async Task ASubscriberHearsTheLowStockAlertWhenAConsumeCrossesTheReorderPointAndItsResolutionAfterARestock()
    {
        var (ward, bin) = await BinAsync();
        var events = new ConcurrentQueue<(string Kind, JsonElement Alert)>();
        await using var hub = await _api.HubAsync();
        hub.On<JsonElement>("AlertRaised", a => events.Enqueue(("AlertRaised", a)));
        hub.On<JsonElement>("AlertChanged", a => events.Enqueue(("AlertChanged", a)));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeWard", ward);

        (await _client.PostAsJsonAsync($"/api/supply-bins/{bin}/consume", new { quantity = 12 })).EnsureSuccessStatusCode();
        var raised = await WaitAsync(events, e => e.Kind == "AlertRaised" && e.Alert.GetProperty("kind").GetString() == "LowStock");
        (await _client.PostAsJsonAsync($"/api/supply-bins/{bin}/consume", new { quantity = 1 })).EnsureSuccessStatusCode();
        (await _client.PostAsJsonAsync($"/api/supply-bins/{bin}/restock", new { quantity = 30, lot = "L124", expiry = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd") })).EnsureSuccessStatusCode();
        var resolved = await WaitAsync(events, e => e.Kind == "AlertChanged" && e.Alert.GetProperty("status").GetString() == "Resolved");

        Assert.Equal(("Warning", ward, bin), (raised.GetProperty("severity").GetString(), raised.GetProperty("wardId").GetString(), raised.GetProperty("subject").GetString()));
        Assert.Equal(raised.GetProperty("id").GetString(), resolved.GetProperty("id").GetString());
        // Moving within Low (12 -> 7) raised nothing new.
        Assert.Single(events, e => e.Kind == "AlertRaised" && e.Alert.GetProperty("kind").GetString() == "LowStock");
    }

    [Fact]
    public async Task ConsumingMoreThanOnHandIsA409AndChangesNothing()
    {
        var (_, bin) = await BinAsync(restock: 5);

        var response = await _client.PostAsJsonAsync($"/api/supply-bins/{bin}/consume", new { quantity = 6 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var after = await (await _client.GetAsync($"/api/supply-bins/{bin}")).ReadJsonAsync();
        Assert.Equal((5, 2), (after.GetProperty("onHand").GetInt32(), after.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task OutOfStockOpensOneCriticalAlertThatAnAcknowledgeMovesOutOfTheOpenList()
    {
        var (ward, bin) = await BinAsync(restock: 3);
        (await _client.PostAsJsonAsync($"/api/supply-bins/{bin}/consume", new { quantity = 3 })).EnsureSuccessStatusCode();

        var open = await (await _client.GetAsync($"/api/alerts?status=Open&wardId={ward}")).ReadJsonAsync();
        var outOfStock = Assert.Single(open.EnumerateArray(), a => a.GetProperty("kind").GetString() == "OutOfStock");
        Assert.Equal("Critical", outOfStock.GetProperty("severity").GetString());
        var ack = await _client.PostAsync($"/api/alerts/{outOfStock.GetProperty("id").GetString()}/acknowledge", null);

        Assert.Equal("Acknowledged", (await ack.ReadJsonAsync()).GetProperty("status").GetString());
        var stillOpen = await (await _client.GetAsync($"/api/alerts?status=Open&wardId={ward}")).ReadJsonAsync();
        Assert.DoesNotContain(stillOpen.EnumerateArray(), a => a.GetProperty("kind").GetString() == "OutOfStock");
    }

    [Fact]
    public async Task TheReorderListSuggestsParMinusOnHand()
    {
        var (ward, bin) = await BinAsync(restock: 8);

        var lines = await (await _client.GetAsync($"/api/locations/{ward}/reorder")).ReadJsonAsync();

        var line = Assert.Single(lines.EnumerateArray());
        Assert.Equal((bin, 32), (line.GetProperty("binId").GetString(), line.GetProperty("suggestedOrder").GetInt32()));
    }

    [Fact]
    public async Task StockMovesBetweenBinsOfTheSameItemLotByLot()
    {
        var (_, from) = await BinAsync(restock: 20);
        var (_, to) = await BinAsync(restock: 0);

        var response = await _client.PostAsJsonAsync($"/api/supply-bins/{from}/transfer", new { toBinId = to, quantity = 7 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(13, (await response.ReadJsonAsync()).GetProperty("onHand").GetInt32());
        // The answer comes once the source's removal is durable; the target applies the units moments later.
        var target = await BinWhenAsync(to, b => b.GetProperty("onHand").GetInt32() == 7);
        Assert.Equal("L123", target.GetProperty("lots")[0].GetProperty("lot").GetString());
    }

    [Fact]
    public async Task TransfersBothWaysAtOnceAnswerPromptlyAndConserveUnits()
    {
        var (_, a) = await BinAsync(restock: 20);
        var (_, b) = await BinAsync(restock: 20);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => i % 2 == 0
            ? _client.PostAsJsonAsync($"/api/supply-bins/{a}/transfer", new { toBinId = b, quantity = 1 })
            : _client.PostAsJsonAsync($"/api/supply-bins/{b}/transfer", new { toBinId = a, quantity = 2 })));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // 5 x 1 unit a -> b and 5 x 2 units b -> a: a ends at 25, b at 15, 40 in all.
        await BinWhenAsync(a, x => x.GetProperty("onHand").GetInt32() == 25);
        await BinWhenAsync(b, x => x.GetProperty("onHand").GetInt32() == 15);
    }

    [Fact]
    public async Task EquipmentIsAssignedReleasedAndCountedPerWard()
    {
        var (ward, _) = await BinAsync(restock: 0);
        var pump = "PUMP-" + Guid.NewGuid().ToString("N")[..6];
        (await _client.PostAsJsonAsync("/api/equipment", new { id = pump, type = "InfusionPump", name = "Alaris 8100", locationId = ward })).EnsureSuccessStatusCode();
        var mrn = await Requests.RegisterAsync(_client);

        var assigned = await (await _client.PostAsJsonAsync($"/api/equipment/{pump}/assign", new { mrn })).ReadJsonAsync();
        var counts = (await (await _client.GetAsync($"/api/locations/{ward}/equipment")).ReadJsonAsync()).GetProperty("counts");
        var released = await (await _client.PostAsync($"/api/equipment/{pump}/release", null)).ReadJsonAsync();

        Assert.Equal("InUse", assigned.GetProperty("status").GetString());
        Assert.Equal((1, 1), (counts.GetProperty("total").GetInt32(), counts.GetProperty("inUse").GetInt32()));
        Assert.Equal("Cleaning", released.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"id":"B1","locationId":"W","sku":"S","name":"n","unit":"u","par":5,"reorderPoint":10}""", "reorderPoint")]
    [InlineData("""{"id":"B1","locationId":"W","sku":"S","name":"n","unit":"u","par":-1,"reorderPoint":0}""", "par")]
    [InlineData("""{"locationId":"W","sku":"S","name":"n","unit":"u","par":5,"reorderPoint":1}""", "id")]
    [InlineData("""{"id":"B1","locationId":"W","sku":"S","name":"n","unit":"u","par":"five","reorderPoint":1}""", "par")]
    public async Task AnInvalidBinIsA400NamingTheField(string body, string field)
    {
        var response = await _client.PostAsync("/api/supply-bins", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("consume", """{"quantity":0}""", HttpStatusCode.BadRequest)]
    [InlineData("consume", """{"quantity":-3}""", HttpStatusCode.BadRequest)]
    [InlineData("restock", """{"quantity":5,"lot":"L1"}""", HttpStatusCode.BadRequest)]
    [InlineData("restock", """{"quantity":5,"lot":"L1","expiry":"2001-01-01"}""", HttpStatusCode.BadRequest)]
    [InlineData("transfer", """{"toBinId":"NOPE","quantity":1}""", HttpStatusCode.NotFound)]
    public async Task BadMovementsAreRefusedAndChangeNothing(string action, string body, HttpStatusCode expected)
    {
        var (_, bin) = await BinAsync(restock: 5);

        var response = await _client.PostAsync($"/api/supply-bins/{bin}/{action}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(5, (await (await _client.GetAsync($"/api/supply-bins/{bin}")).ReadJsonAsync()).GetProperty("onHand").GetInt32());
    }

    /// <summary>The bin once <paramref name="match"/> holds (within 5 s), else the assertion fails with the bin as it is.</summary>
    private async Task<JsonElement> BinWhenAsync(string binId, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var bin = await (await _client.GetAsync($"/api/supply-bins/{binId}")).ReadJsonAsync();
            if (match(bin))
            {
                return bin;
            }

            Assert.True(DateTime.UtcNow < deadline, $"bin {binId} is {bin}");
            await Task.Delay(20);
        }
    }

    private static async Task<JsonElement> WaitAsync(ConcurrentQueue<(string Kind, JsonElement Alert)> events, Func<(string Kind, JsonElement Alert), bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (events.FirstOrDefault(match) is { Alert.ValueKind: not JsonValueKind.Undefined } found)
            {
                return found.Alert;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("no matching alert event; got " + string.Join(", ", events.Select(e => e.Kind)));
    }
}
