using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Clinical;

/// <summary>Clinical times lie in documented ranges: lab results from the last year, chart dates 1880-2100.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class ClinicalDateLimitsTests(HospitalFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ALabResultCollectedYearsAgoIsA400()
    {
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.PostAsJsonAsync($"/api/patients/{mrn}/labs",
            new { loinc = "2823-3", name = "Potassium", value = 4.1, unit = "mmol/L", collectedAt = DateTimeOffset.UtcNow.AddYears(-5) });

        await response.AssertInvalidAsync("collectedAt");
    }

    [Theory]
    [InlineData("problems", """{"code":"J18.9","display":"Pneumonia","status":"active","onset":"0001-01-01"}""", "onset")]
    [InlineData("medications", """{"name":"Aspirin","status":"active","end":"9999-12-31"}""", "end")]
    [InlineData("immunizations", """{"vaccine":"MMR","date":"1492-10-12"}""", "date")]
    public async Task AChartDateOutOfRangeIsA400(string section, string body, string field)
    {
        var mrn = await Requests.RegisterAsync(_client);

        var response = await _client.PostAsync($"/api/patients/{mrn}/{section}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertInvalidAsync(field);
    }
}
