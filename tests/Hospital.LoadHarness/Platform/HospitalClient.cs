using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.LoadHarness.Measuring;

namespace Hospital.LoadHarness.Platform;

/// <summary>A request the api refused or failed, with its status.</summary>
public sealed class ApiException(HttpStatusCode status, string detail) : Exception($"{(int)status} {status}: {detail}")
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>
/// The api's contract routes as the harness uses them, over one pooled HTTP/1.1 handler, signed in as admin; every call
/// can be timed into a histogram (time to the whole response body).
/// </summary>
public sealed class HospitalClient : IDisposable
{
    private readonly HttpClient _http;

    private HospitalClient(HttpClient http, string accessToken)
    {
        _http = http;
        AccessToken = accessToken;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
    }

    public string AccessToken { get; }
    public Uri BaseAddress => _http.BaseAddress!;

    public static HttpClient CreateHttp(string baseUrl) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<HospitalClient> SignInAsync(string baseUrl, string password)
    {
        var http = CreateHttp(baseUrl);
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException(response.StatusCode, "sign-in: " + body);
        }

        return new HospitalClient(http, JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!);
    }

    public Task CreateWardAsync(string id, LatencyHistogram? timing = null) =>
        SendAsync(HttpMethod.Post, "/api/wards", new { id, name = "Load " + id, sexPolicy = "Mixed" }, timing);

    public Task CreateBedAsync(string wardId, string id, string room, LatencyHistogram? timing = null) =>
        SendAsync(HttpMethod.Post, $"/api/wards/{wardId}/beds", new { id, room, isolationCapable = false }, timing);

    public async Task<IReadOnlyList<string>> WardIdsAsync()
    {
        var wards = await SendAsync(HttpMethod.Get, "/api/wards", null, null);
        return wards.EnumerateArray().Select(w => w.GetProperty("id").GetString()!).ToList();
    }

    public async Task<IReadOnlyList<BedSnapshot>> BedsAsync(string wardId)
    {
        var ward = await SendAsync(HttpMethod.Get, $"/api/wards/{wardId}", null, null);
        return ward.GetProperty("beds").EnumerateArray().Select(b => BedSnapshot.From(b, wardId)).ToList();
    }

    public async Task<BedSnapshot> BedAsync(string bedId, string wardId) =>
        BedSnapshot.From(await SendAsync(HttpMethod.Get, $"/api/beds/{bedId}", null, null), wardId);

    public async Task<string> RegisterPatientAsync(int n, LatencyHistogram? timing = null)
    {
        var sex = n % 2 == 0 ? "female" : "male";
        var patient = await SendAsync(HttpMethod.Post, "/api/patients",
            new { name = new { given = "Load", family = $"Patient{n}" }, birthDate = "1960-01-01", sex }, timing);
        return patient.GetProperty("mrn").GetString()!;
    }

    public async Task<string> AdmitAsync(string mrn, string bedId, LatencyHistogram? timing = null)
    {
        var encounter = await SendAsync(HttpMethod.Post, "/api/admissions", new { mrn, bedId, isolationRequired = false }, timing);
        return encounter.GetProperty("encounterId").GetString()!;
    }

    public Task TransferAsync(string encounterId, string bedId, LatencyHistogram? timing = null) =>
        SendAsync(HttpMethod.Post, $"/api/admissions/{encounterId}/transfer", new { bedId }, timing);

    public Task DischargeAsync(string encounterId, LatencyHistogram? timing = null) =>
        SendAsync(HttpMethod.Post, $"/api/admissions/{encounterId}/discharge", new { }, timing);

    /// <returns>The bed's version after the change.</returns>
    public async Task<long> SetStatusAsync(string bedId, string status, LatencyHistogram? timing = null) =>
        (await SendAsync(HttpMethod.Post, $"/api/beds/{bedId}/status", new { status }, timing)).GetProperty("version").GetInt64();

    public Task CensusAsync(LatencyHistogram? timing = null) => SendAsync(HttpMethod.Get, "/api/census", null, timing);

    /// <summary>The api's liveness probe: the cheapest route of the same server, through the same middleware.</summary>
    public Task LiveAsync(LatencyHistogram? timing = null) => SendAsync(HttpMethod.Get, "/health/live", null, timing);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, LatencyHistogram? timing)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        timing?.RecordSince(started);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException(response.StatusCode, $"{method} {path}: {(text.Length > 300 ? text[..300] : text)}");
        }

        return text.Length == 0 || response.Content.Headers.ContentType?.MediaType?.Contains("json") != true ? default : JsonDocument.Parse(text).RootElement;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>What the harness needs to know of a bed.</summary>
public sealed record BedSnapshot(string Id, string WardId, string Status, long Version, string? EncounterId)
{
    public static BedSnapshot From(JsonElement bed, string wardId) => new(
        bed.GetProperty("id").GetString()!, wardId, bed.GetProperty("status").GetString()!,
        bed.GetProperty("version").GetInt64(),
        bed.TryGetProperty("encounterId", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null);
}
