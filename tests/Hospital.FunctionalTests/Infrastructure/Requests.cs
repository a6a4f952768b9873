using System.Net.Http.Json;
using System.Text.Json;

namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>Request bodies and helpers shared by the api tests.</summary>
public static class Requests
{
    public static object Patient(string given = "Ann", string family = "Lee", string birthDate = "1950-02-03", string sex = "female") =>
        new { name = new { given, family }, birthDate, sex };

    public static async Task<string> RegisterAsync(HttpClient client, object? patient = null)
    {
        var response = await client.PostAsJsonAsync("/api/patients", patient ?? Patient());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mrn").GetString()!;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts a 400 validation problem whose errors name <paramref name="field"/>.</summary>
    public static async Task AssertInvalidAsync(this HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
    }

    /// <summary>Creates a ward with beds through the api; ids are unique per call.</summary>
    public static async Task<(string WardId, string[] BedIds)> WardAsync(HttpClient client, int beds = 2, string sexPolicy = "Mixed", bool isolationCapable = false)
    {
        var wardId = "W" + Guid.NewGuid().ToString("N")[..8];
        (await client.PostAsJsonAsync("/api/wards", new { id = wardId, name = "Ward " + wardId, sexPolicy })).EnsureSuccessStatusCode();
        var bedIds = new string[beds];
        for (var i = 0; i < beds; i++)
        {
            bedIds[i] = $"{wardId}-{i + 1:D2}";
            (await client.PostAsJsonAsync($"/api/wards/{wardId}/beds", new { id = bedIds[i], room = $"{i + 1}", isolationCapable })).EnsureSuccessStatusCode();
        }

        return (wardId, bedIds);
    }

    public static async Task<string> AdmitAsync(HttpClient client, string mrn, string bedId)
    {
        var response = await client.PostAsJsonAsync("/api/admissions", new { mrn, bedId });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("encounterId").GetString()!;
    }
}
