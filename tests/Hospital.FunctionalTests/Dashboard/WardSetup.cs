using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Dashboard;

/// <summary>Wards, beds and patients made through the public api, each test with a ward of its own.</summary>
public static class WardSetup
{
    /// <summary>A new ward (a random id unless given) with beds {ward}-01.. in rooms 101..; the first two are isolation-capable.</summary>
    public static async Task<string> WardAsync(HttpClient api, int beds, string sexPolicy = "Mixed", string? wardId = null, string? name = null)
    {
        wardId ??= "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await PostAsync(api, "/api/wards", new { id = wardId, name = name ?? $"Ward {wardId[1..4]}", sexPolicy });
        for (var i = 1; i <= beds; i++)
        {
            await PostAsync(api, $"/api/wards/{wardId}/beds", new { id = BedId(wardId, i), room = $"{100 + i}", isolationCapable = i <= 2 });
        }

        return wardId;
    }

    public static string BedId(string wardId, int number) => $"{wardId}-{number:00}";

    public static Task<JsonElement> SetStatusAsync(HttpClient api, string bedId, string status, string? reason = null) =>
        PostAsync(api, $"/api/beds/{bedId}/status", new { status, reason });

    /// <summary>Registers a patient and admits them into the bed; returns the MRN.</summary>
    public static async Task<string> AdmitAsync(HttpClient api, string bedId, string given, string family, string sex = "female",
        string? expectedDischarge = null)
    {
        var mrn = await Requests.RegisterAsync(api, Requests.Patient(given, family, sex: sex));
        await PostAsync(api, "/api/admissions", new { mrn, bedId, isolationRequired = false, expectedDischarge });
        return mrn;
    }

    /// <summary>Registers a patient and queues them for a bed on the ward; returns the request id.</summary>
    public static async Task<string> QueueAsync(HttpClient api, string wardId, string given, string family, bool isolationRequired = false,
        string priority = "Routine")
    {
        var mrn = await Requests.RegisterAsync(api, Requests.Patient(given, family));
        var pending = await PostAsync(api, $"/api/wards/{wardId}/pending-admissions", new { mrn, priority, isolationRequired });
        return pending.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
