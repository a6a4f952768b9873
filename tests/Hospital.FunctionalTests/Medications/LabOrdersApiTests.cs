using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Medications;

/// <summary>Lab orders: Ordered -> Collected -> Resulted by the result that names them; critical results stay listed until acknowledged.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class LabOrdersApiTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    private static object Potassium(decimal value, string? orderId) => new
    {
        loinc = "2823-3", name = "Potassium", value, unit = "mmol/L", referenceLow = 3.5m, referenceHigh = 5.1m, criticalLow = 2.5m, criticalHigh = 6.5m, orderId,
    };

    [Fact]
    public async Task AResultAttachesToItsOrderAndACriticalOneStaysListedUntilAcknowledged()
    {
        var mrn = await Requests.RegisterAsync(_admin);
        var placed = await _admin.PostAsJsonAsync($"/api/patients/{mrn}/lab-orders", new { code = "2823-3", priority = "Stat", specimen = "blood" });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.ReadJsonAsync()).GetProperty("id").GetString();

        var collected = await (await _admin.PostAsync($"/api/patients/{mrn}/lab-orders/{orderId}/collect", null)).ReadJsonAsync();
        var result = await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/labs", Potassium(7.0m, orderId))).ReadJsonAsync();
        var order = (await (await _admin.GetAsync($"/api/patients/{mrn}/lab-orders")).ReadJsonAsync())[0];
        var unacknowledged = await (await _admin.GetAsync($"/api/patients/{mrn}/labs/unacknowledged-critical")).ReadJsonAsync();
        var resultId = result.GetProperty("id").GetString();
        var acknowledged = await (await _admin.PostAsync($"/api/patients/{mrn}/labs/{resultId}/acknowledge", null)).ReadJsonAsync();

        Assert.Equal("Collected", collected.GetProperty("status").GetString());
        Assert.Equal(("HH", orderId), (result.GetProperty("flag").GetString(), result.GetProperty("orderId").GetString()));
        Assert.Equal("Resulted", order.GetProperty("status").GetString());
        Assert.Equal(resultId, order.GetProperty("resultIds")[0].GetString());
        Assert.Equal(resultId, Assert.Single(unacknowledged.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal("admin", acknowledged.GetProperty("acknowledgedBy").GetString());
        Assert.Empty((await (await _admin.GetAsync($"/api/patients/{mrn}/labs/unacknowledged-critical")).ReadJsonAsync()).EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/lab-orders/{orderId}/cancel", new { reason = "too late" })).StatusCode);
    }

    [Fact]
    public async Task AResultForAnUnknownOrCancelledOrderChangesNothing()
    {
        var mrn = await Requests.RegisterAsync(_admin);
        var orderId = (await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/lab-orders", new { code = "2823-3", priority = "Routine" })).ReadJsonAsync()).GetProperty("id").GetString();
        await _admin.PostAsJsonAsync($"/api/patients/{mrn}/lab-orders/{orderId}/cancel", new { reason = "duplicate request" });

        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/labs", Potassium(4.0m, "LO-nope-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/labs", Potassium(4.0m, orderId))).StatusCode);
        Assert.Empty((await (await _admin.GetAsync($"/api/patients/{mrn}/labs")).ReadJsonAsync()).EnumerateArray());
        await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/lab-orders", new { code = "potassium", priority = "Stat" })).AssertInvalidAsync("code");
    }
}
