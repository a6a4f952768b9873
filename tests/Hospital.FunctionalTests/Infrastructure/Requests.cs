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
}
