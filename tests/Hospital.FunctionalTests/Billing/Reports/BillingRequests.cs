using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Billing.Reports;

/// <summary>An admission with priced manual charges, set up through the api as a client does.</summary>
public static class BillingRequests
{
    /// <summary>A new code with this price (unique per call).</summary>
    public static async Task<string> PriceAsync(HttpClient admin, decimal unitPrice, string category = "Procedure")
    {
        var code = "INV-TEST-" + Guid.NewGuid().ToString("N")[..8];
        var response = await admin.PostAsJsonAsync("/api/charge-master", new { code, description = "Procedure " + code, unitPrice, category, effectiveFrom = "2026-01-01T00:00:00Z" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return code;
    }

    public static async Task<(string Mrn, string EncounterId, string WardId)> AdmittedAsync(HttpClient admin, object? patient = null)
    {
        var mrn = await Requests.RegisterAsync(admin, patient);
        var (ward, beds) = await Requests.WardAsync(admin, beds: 1);
        return (mrn, await Requests.AdmitAsync(admin, mrn, beds[0]), ward);
    }

    public static async Task<JsonElement> ChargeAsync(HttpClient client, string encounterId, string code, decimal quantity)
    {
        var response = await client.PostAsJsonAsync($"/api/admissions/{encounterId}/charges", new { code, quantity });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    public static async Task PayAsync(HttpClient client, string encounterId, decimal amount, string method = "Cash", string? reference = null)
    {
        var response = await client.PostAsJsonAsync($"/api/admissions/{encounterId}/payments", new { amount, method, reference });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> IssueAsync(HttpClient client, string encounterId)
    {
        var response = await client.PostAsync($"/api/admissions/{encounterId}/invoices", null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }
}
