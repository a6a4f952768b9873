using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Beds;

[Collection(SqliteApiCollection.Name)]
public sealed class AdtWorkflowApiTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AnExpectedDischargeTodayCountsInTheCensus()
    {
        var (ward, beds) = await Requests.WardAsync(_client, beds: 1);
        var encounter = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[0]);

        var response = await _client.PutAsJsonAsync($"/api/admissions/{encounter}/expected-discharge",
            new { expectedDischarge = DateTime.UtcNow.ToString("yyyy-MM-dd") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await (await _client.GetAsync($"/api/census/wards/{ward}")).ReadJsonAsync()).GetProperty("expectedDischargesToday").GetInt32());
    }

    [Fact]
    public async Task ATransferRequestIsPlacedIntoABedOnTheRequestingWard()
    {
        var (_, from) = await Requests.WardAsync(_client, beds: 1);
        var (ward, to) = await Requests.WardAsync(_client, beds: 1);
        var encounter = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), from[0]);
        var request = await (await _client.PostAsJsonAsync($"/api/wards/{ward}/transfer-requests", new { encounterId = encounter, priority = "Urgent" })).ReadJsonAsync();

        var placed = await _client.PostAsJsonAsync($"/api/wards/{ward}/transfer-requests/{request.GetProperty("id").GetString()}/place", new { bedId = to[0] });

        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        Assert.Equal(to[0], (await placed.ReadJsonAsync()).GetProperty("bedId").GetString());
        Assert.Equal(0, (await (await _client.GetAsync($"/api/wards/{ward}/transfer-requests")).ReadJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task TwoPatientsSwapBeds()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 2);
        var a = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[0]);
        var b = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[1]);

        var swapped = await _client.PostAsJsonAsync($"/api/admissions/{a}/swap", new { otherEncounterId = b });

        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        Assert.Equal(b, (await (await _client.GetAsync($"/api/beds/{beds[0]}")).ReadJsonAsync()).GetProperty("encounterId").GetString());
        Assert.Equal(a, (await (await _client.GetAsync($"/api/beds/{beds[1]}")).ReadJsonAsync()).GetProperty("encounterId").GetString());
    }

    [Fact]
    public async Task CancellingAnAdmissionDischargeOrTransferUndoesIt()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 2);
        var encounter = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[0]);
        await _client.PostAsJsonAsync($"/api/admissions/{encounter}/transfer", new { bedId = beds[1] });

        Assert.Equal(beds[0], (await (await _client.PostAsync($"/api/admissions/{encounter}/cancel-transfer", null)).ReadJsonAsync()).GetProperty("bedId").GetString());
        await _client.PostAsJsonAsync($"/api/admissions/{encounter}/discharge", new { });
        Assert.Equal("InProgress", (await (await _client.PostAsync($"/api/admissions/{encounter}/cancel-discharge", null)).ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal("Cancelled", (await (await _client.PostAsync($"/api/admissions/{encounter}/cancel", null)).ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal("Available", (await (await _client.GetAsync($"/api/beds/{beds[0]}")).ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task EveryAdtEventIsJournaledWithWhoAndWhen()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);
        var encounter = await Requests.AdmitAsync(_client, mrn, beds[0]);
        await _client.PostAsJsonAsync($"/api/admissions/{encounter}/discharge", new { });

        var entries = await (await _client.GetAsync($"/api/journal?entityId={encounter}")).ReadJsonAsync();

        Assert.Equal(["Admitted", "Discharged"], entries.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.All(entries.EnumerateArray(), e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task TheOccupancyTrendEndsWithTheCurrentCensus()
    {
        await Requests.WardAsync(_client, beds: 1);

        var points = await (await _client.GetAsync("/api/census/history?hours=24")).ReadJsonAsync();

        var last = points.EnumerateArray().Last();
        var census = await (await _client.GetAsync("/api/census")).ReadJsonAsync();
        Assert.Equal(census.GetProperty("hospital").GetProperty("total").GetInt32(), last.GetProperty("total").GetInt32());
    }
}
