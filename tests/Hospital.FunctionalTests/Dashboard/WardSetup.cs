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
        string? expectedDischarge = null, bool isolationRequired = false) =>
        (await AdmissionAsync(api, bedId, given, family, sex, expectedDischarge, isolationRequired)).Mrn;

    /// <summary>Registers a patient and admits them into the bed; returns the MRN and the encounter id.</summary>
    public static async Task<(string Mrn, string EncounterId)> AdmissionAsync(HttpClient api, string bedId, string given, string family,
        string sex = "female", string? expectedDischarge = null, bool isolationRequired = false)
    {
        var mrn = await Requests.RegisterAsync(api, Requests.Patient(given, family, sex: sex));
        var encounter = await PostAsync(api, "/api/admissions", new { mrn, bedId, isolationRequired, expectedDischarge });
        return (mrn, encounter.GetProperty("encounterId").GetString()!);
    }

    /// <summary>A vital-signs set scoring NEWS2 <paramref name="score"/>: 0 (Low), 5 (Medium) or 13 (High).</summary>
    public static object Vitals(int score) => score switch
    {
        0 => new { respiratoryRate = 16, spo2 = 98, onOxygen = false, systolicBp = 120, pulse = 70, consciousness = "A", temperature = 36.8 },
        5 => new { respiratoryRate = 22, spo2 = 95, onOxygen = false, systolicBp = 105, pulse = 95, consciousness = "A", temperature = 37.0 },
        13 => new { respiratoryRate = 25, spo2 = 91, onOxygen = true, systolicBp = 95, pulse = 120, consciousness = "A", temperature = 38.5 },
        _ => throw new ArgumentOutOfRangeException(nameof(score)),
    };

    public static Task<JsonElement> RecordVitalsAsync(HttpClient api, string mrn, int score) =>
        PostAsync(api, $"/api/patients/{mrn}/vitals", Vitals(score));

    /// <summary>Asks for a bed on the ward for an admitted patient; returns the request id.</summary>
    public static async Task<string> RequestTransferAsync(HttpClient api, string wardId, string encounterId, string reason) =>
        (await PostAsync(api, $"/api/wards/{wardId}/transfer-requests", new { encounterId, priority = "Urgent", reason })).GetProperty("id").GetString()!;

    /// <summary>A word of letters only that no other test uses (names are searched by word prefix).</summary>
    public static string UniqueWord(string prefix) =>
        prefix + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))));

    /// <summary>Registers a patient and queues them for a bed on the ward; returns the request id.</summary>
    public static async Task<string> QueueAsync(HttpClient api, string wardId, string given, string family, bool isolationRequired = false,
        string priority = "Routine")
    {
        var mrn = await Requests.RegisterAsync(api, Requests.Patient(given, family));
        var pending = await PostAsync(api, $"/api/wards/{wardId}/pending-admissions", new { mrn, priority, isolationRequired });
        return pending.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
