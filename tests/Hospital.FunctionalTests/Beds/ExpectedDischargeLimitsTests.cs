using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Beds;

/// <summary>An expected discharge lies between yesterday and 365 days ahead, wherever a client gives one.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class ExpectedDischargeLimitsTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string> OutOfRange => new() { "9999-12-31", DateTime.UtcNow.AddDays(400).ToString("yyyy-MM-dd"), "2001-01-01" };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task AnAdmissionWithAnExpectedDischargeOutOfRangeIsA400AndAdmitsNobody(string expectedDischarge)
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);

        await (await _client.PostAsJsonAsync("/api/admissions", new { mrn, bedId = beds[0], expectedDischarge })).AssertInvalidAsync("expectedDischarge");

        Assert.Equal("Available", (await (await _client.GetAsync($"/api/beds/{beds[0]}")).ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task ChangingTheExpectedDischargeOutOfRangeIsA400(string expectedDischarge)
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        var encounter = await Requests.AdmitAsync(_client, await Requests.RegisterAsync(_client), beds[0]);

        await (await _client.PutAsJsonAsync($"/api/admissions/{encounter}/expected-discharge", new { expectedDischarge })).AssertInvalidAsync("expectedDischarge");

        var bed = await (await _client.GetAsync($"/api/beds/{beds[0]}")).ReadJsonAsync();
        Assert.False(bed.TryGetProperty("expectedDischarge", out var date) && date.ValueKind != System.Text.Json.JsonValueKind.Null, bed.ToString());
    }

    [Fact]
    public async Task AQueuedAdmissionWithAFarExpectedDischargeIsA400()
    {
        var (ward, _) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);

        await (await _client.PostAsJsonAsync($"/api/wards/{ward}/pending-admissions", new { mrn, expectedDischarge = "9999-12-31" })).AssertInvalidAsync("expectedDischarge");

        Assert.Equal(0, (await (await _client.GetAsync($"/api/wards/{ward}/pending-admissions")).ReadJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task AnExpectedDischargeWithinTheYearIsAccepted()
    {
        var (_, beds) = await Requests.WardAsync(_client, beds: 1);
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.PostAsJsonAsync("/api/admissions", new { mrn, bedId = beds[0], expectedDischarge = DateTime.UtcNow.AddDays(300).ToString("yyyy-MM-dd") });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
