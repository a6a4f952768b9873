using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Billing.Claims;

/// <summary>Payers, coverage, priced charges and claims through the api, for the insurance tests.</summary>
public static class InsuranceRequests
{
    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public static async Task<string> PayerAsync(HttpClient client, string name = "Acme Health", string kind = "Insurer")
    {
        var id = NewId("PAY");
        var response = await client.PostAsJsonAsync("/api/payers", new { id, name, kind, contact = "claims@acme.example" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return id;
    }

    public static async Task<string> CoverageAsync(HttpClient client, string mrn, string payerId, int priority = 1, string? validFrom = null, string? validTo = null)
    {
        var response = await client.PostAsJsonAsync($"/api/patients/{mrn}/coverage",
            new { payerId, memberId = "M-" + priority + "-" + mrn, plan = "Gold", priority, validFrom, validTo });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>A code with a price in force from a month ago.</summary>
    public static async Task<string> PriceAsync(HttpClient client, string description, decimal unitPrice)
    {
        var code = NewId("C-");
        var response = await client.PostAsJsonAsync("/api/charge-master",
            new { code, description, unitPrice, effectiveFrom = DateTimeOffset.UtcNow.AddDays(-30) });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return code;
    }

    public static async Task<string> ChargeAsync(HttpClient client, string encounterId, string code, decimal quantity)
    {
        var response = await client.PostAsJsonAsync($"/api/admissions/{encounterId}/charges", new { code, quantity });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>An admitted patient with a payer and a primary coverage.</summary>
    public static async Task<(string Mrn, string EncounterId, string PayerId, string CoverageId)> InsuredAdmissionAsync(HttpClient client)
    {
        var mrn = await Requests.RegisterAsync(client);
        var (_, beds) = await Requests.WardAsync(client, beds: 1);
        var encounterId = await Requests.AdmitAsync(client, mrn, beds[0]);
        var payerId = await PayerAsync(client);
        return (mrn, encounterId, payerId, await CoverageAsync(client, mrn, payerId));
    }

    public static async Task<JsonElement> CreateClaimAsync(HttpClient client, string encounterId, string? coverageId = null)
    {
        var response = await client.PostAsJsonAsync($"/api/admissions/{encounterId}/claims", new { coverageId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> StepAsync(HttpClient client, string claimId, string step, object? body = null)
    {
        var response = await client.PostAsJsonAsync($"/api/claims/{claimId}/{step}", body ?? new { });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static string Status(this JsonElement claim) => claim.GetProperty("status").GetString()!;

    public static decimal Money(this JsonElement element, string property) => element.GetProperty(property).GetDecimal();
}
