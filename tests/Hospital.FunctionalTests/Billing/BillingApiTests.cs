using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Billing;

/// <summary>The billing routes of the contract end to end on SQLite: shapes, capture from the other routes, money, roles, refusals.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class BillingApiTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    private Task<HttpClient> As(string role) => TestAuth.UserClientAsync(_admin, factory.CreateAnonymousClient, role);

    private async Task PriceAsync(string code, decimal unitPrice, string? effectiveFrom = null)
    {
        var response = await _admin.PostAsJsonAsync("/api/charge-master", new { code, description = "Item " + code, unitPrice, effectiveFrom });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private async Task<(string Mrn, string EncounterId, string WardId)> AdmittedAsync()
    {
        var mrn = await Requests.RegisterAsync(_admin);
        var (ward, beds) = await Requests.WardAsync(_admin, beds: 1);
        return (mrn, await Requests.AdmitAsync(_admin, mrn, beds[0]), ward);
    }

    private async Task<JsonElement> AccountAsync(HttpClient client, string encounterId, int charges = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await client.GetAsync($"/api/admissions/{encounterId}/account");
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var account = await response.ReadJsonAsync();
            if (account.GetProperty("charges").GetArrayLength() >= charges || DateTime.UtcNow > deadline)
            {
                return account;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task AnAccountHasTheContractShapeWithChargesFromASupplyUsedForThePatientManualChargesAndPayments()
    {
        var sku = "SKU-API-" + Guid.NewGuid().ToString("N")[..6];
        await PriceAsync(sku, 3.333m - 0.003m);
        await PriceAsync("XRAY-CHEST", 85.10m);
        var (mrn, encounterId, ward) = await AdmittedAsync();
        var bin = "BIN" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync("/api/supply-bins",
            new { id = bin, locationId = ward, sku, name = "Swab", unit = "each", par = 20, reorderPoint = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync($"/api/supply-bins/{bin}/restock", new { quantity = 10, lot = "L1", expiry = "2030-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync($"/api/supply-bins/{bin}/consume", new { quantity = 3, mrn })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync($"/api/supply-bins/{bin}/consume", new { quantity = 1 })).StatusCode);

        var billing = await As("Billing");
        var manual = await billing.PostAsJsonAsync($"/api/admissions/{encounterId}/charges", new { code = "XRAY-CHEST", quantity = 2 });
        Assert.Equal(HttpStatusCode.Created, manual.StatusCode);
        var cash = await billing.PostAsJsonAsync($"/api/admissions/{encounterId}/payments", new { amount = 50.05m, method = "Cash" });
        Assert.Equal(HttpStatusCode.Created, cash.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await billing.PostAsJsonAsync($"/api/admissions/{encounterId}/payments",
            new { amount = 20, method = "Card", reference = "AUTH-1234" })).StatusCode);

        var account = await AccountAsync(billing, encounterId, charges: 2);
        Assert.Equal((encounterId, mrn, "GBP"), (account.GetProperty("encounterId").GetString(), account.GetProperty("mrn").GetString(), account.GetProperty("currency").GetString()));
        var supply = account.GetProperty("charges").EnumerateArray().Single(c => c.GetProperty("code").GetString() == sku);
        Assert.Equal((3m, 3.33m, 9.99m), (supply.GetProperty("quantity").GetDecimal(), supply.GetProperty("unitPrice").GetDecimal(), supply.GetProperty("amount").GetDecimal()));
        Assert.StartsWith($"supply:{bin}:", supply.GetProperty("source").GetString());
        foreach (var field in new[] { "id", "code", "description", "quantity", "unitPrice", "amount", "postedAt", "source" })
        {
            Assert.True(supply.TryGetProperty(field, out _), field);
        }

        Assert.Equal(2, account.GetProperty("charges").GetArrayLength());
        Assert.Equal(2, account.GetProperty("payments").GetArrayLength());
        Assert.Equal((180.19m, 70.05m, 110.14m),
            (account.GetProperty("total").GetDecimal(), account.GetProperty("paid").GetDecimal(), account.GetProperty("balance").GetDecimal()));
        Assert.Contains("\"total\":180.19", account.GetRawText());

        // A full credit of the X-ray nets it to zero with a line of its own.
        var xray = account.GetProperty("charges").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "XRAY-CHEST").GetProperty("id").GetString();
        var credit = await billing.PostAsJsonAsync($"/api/admissions/{encounterId}/credits", new { chargeId = xray, reason = "duplicate request" });
        Assert.Equal(HttpStatusCode.Created, credit.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await billing.PostAsJsonAsync($"/api/admissions/{encounterId}/credits", new { chargeId = xray, reason = "again" })).StatusCode);
        account = await AccountAsync(billing, encounterId);
        Assert.Equal((3, 9.99m, -60.06m), (account.GetProperty("charges").GetArrayLength(), account.GetProperty("total").GetDecimal(), account.GetProperty("balance").GetDecimal()));

        // Billing reads demographics and accounts, never the chart; every account read is audited.
        Assert.Equal(HttpStatusCode.OK, (await billing.GetAsync($"/api/patients/{mrn}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await billing.GetAsync($"/api/patients/{mrn}/allergies")).StatusCode);
        var audit = await (await _admin.GetAsync($"/api/audit?mrn={mrn}&limit=1000")).ReadJsonAsync();
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("payload").GetString()!.Contains("/api/admissions/{encounterId}/account"));
    }

    [Fact]
    public async Task TheChargeMasterKeepsPriceVersionsAndAPriceChangeLeavesPostedChargesAlone()
    {
        var code = "PROC-" + Guid.NewGuid().ToString("N")[..6];
        await PriceAsync(code, 100m, "2026-01-01T00:00:00Z");
        var (_, encounterId, _) = await AdmittedAsync();
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/charges", new { code, quantity = 1 })).StatusCode);
        await PriceAsync(code, 120m);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/charges", new { code, quantity = 1 })).StatusCode);

        var versions = await (await _admin.GetAsync($"/api/charge-master/{code}")).ReadJsonAsync();
        Assert.Equal(2, versions.GetArrayLength());
        Assert.Equal(versions[1].GetProperty("effectiveFrom").GetDateTimeOffset(), versions[0].GetProperty("effectiveTo").GetDateTimeOffset());
        Assert.Contains((await (await _admin.GetAsync("/api/charge-master")).ReadJsonAsync()).EnumerateArray(), i => i.GetProperty("code").GetString() == code);
        var amounts = (await AccountAsync(_admin, encounterId)).GetProperty("charges").EnumerateArray().Select(c => c.GetProperty("amount").GetDecimal()).ToList();
        Assert.Equal([100m, 120m], amounts);
    }

    [Fact]
    public async Task BadMoneyQuantitiesCodesAndUnknownAdmissionsAreProblemsAndChangeNothing()
    {
        var (_, encounterId, _) = await AdmittedAsync();
        await (await _admin.PostAsJsonAsync("/api/charge-master", new { code = "BAD CODE", description = "x", unitPrice = 1 })).AssertInvalidAsync("code");
        await (await _admin.PostAsJsonAsync("/api/charge-master", new { code = "OK-1", description = "x", unitPrice = 1.005m })).AssertInvalidAsync("unitPrice");
        await (await _admin.PostAsJsonAsync("/api/charge-master", new { code = "OK-1", description = "x", unitPrice = -1 })).AssertInvalidAsync("unitPrice");
        await (await _admin.PostAsJsonAsync("/api/charge-master", new { code = "OK-1", description = "x", unitPrice = 1e30 })).AssertInvalidAsync("unitPrice");
        await (await _admin.PostAsJsonAsync("/api/charge-master", new { code = "OK-1", description = "x", unitPrice = 1, effectiveFrom = "1900-01-01T00:00:00Z" })).AssertInvalidAsync("effectiveFrom");
        await (await _admin.PostAsJsonAsync("/api/charge-master", new { code = "OK-1", description = "x", unitPrice = "ten" })).AssertInvalidAsync("unitPrice");
        await (await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/charges", new { code = "NOT-PRICED-ANYWHERE", quantity = 1 })).AssertInvalidAsync("code");
        await (await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/charges", new { code = "OK-1", quantity = 0 })).AssertInvalidAsync("quantity");
        await (await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/charges", new { code = "OK-1", quantity = 1e9 })).AssertInvalidAsync("quantity");
        await (await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/payments", new { amount = 0, method = "Cash" })).AssertInvalidAsync("amount");
        await (await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/payments", new { amount = 10.001m, method = "Cash" })).AssertInvalidAsync("amount");
        await (await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/payments", new { amount = 10, method = "Gold" })).AssertInvalidAsync("method");
        await (await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/payments", new { amount = 10, method = "Card" })).AssertInvalidAsync("reference");
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/admissions/NO-SUCH-ENCOUNTER/account")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync("/api/admissions/NO-SUCH-ENCOUNTER/payments", new { amount = 1, method = "Cash" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/charge-master/NO-SUCH-CODE")).StatusCode);

        var account = await AccountAsync(_admin, encounterId);
        Assert.Equal((0, 0, 0m), (account.GetProperty("charges").GetArrayLength(), account.GetProperty("payments").GetArrayLength(), account.GetProperty("balance").GetDecimal()));
    }

    [Fact]
    public async Task OnlyBillingAndAdminReachAccountsAndTheChargeMaster()
    {
        var (_, encounterId, _) = await AdmittedAsync();
        foreach (var role in new[] { "Nurse", "Physician", "BedManager", "HumanResources" })
        {
            var client = await As(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/admissions/{encounterId}/account")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/charge-master", new { code = "X-1", description = "x", unitPrice = 1 })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await (await As("Billing")).GetAsync("/api/charge-master")).StatusCode);
    }

    [Fact]
    public async Task ADoseGivenIsChargedAndCorrectedToHeldIsCredited()
    {
        var (mrn, encounterId, _) = await AdmittedAsync();
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/allergies", new { substance = "no known allergies", status = "active" })).StatusCode);
        var drug = (await (await _admin.GetAsync("/api/drugs?name=ondansetron")).ReadJsonAsync())[0].GetProperty("code").GetString()!;
        await PriceAsync(drug, 1.80m, "2026-01-01T00:00:00Z");
        var order = await (await _admin.PostAsJsonAsync($"/api/patients/{mrn}/medication-orders",
            new { drug = "ondansetron", dose = 4, unit = "mg", route = "oral", frequency = "prn" })).ReadJsonAsync();
        var dose = await _admin.PostAsJsonAsync($"/api/medication-orders/{order.GetProperty("id").GetString()}/doses", new { outcome = "Given" });
        Assert.Equal(HttpStatusCode.Created, dose.StatusCode);
        var doseId = (await dose.ReadJsonAsync()).GetProperty("id").GetString();
        Assert.Equal(1.80m, (await AccountAsync(_admin, encounterId, 1)).GetProperty("total").GetDecimal());

        await (await _admin.PostAsJsonAsync($"/api/mar/{doseId}/correct", new { outcome = "Held" })).AssertInvalidAsync("reason");
        var corrected = await _admin.PostAsJsonAsync($"/api/mar/{doseId}/correct", new { outcome = "Held", reason = "vomited before swallowing" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var account = await AccountAsync(_admin, encounterId, 2);
        Assert.Equal(0m, account.GetProperty("total").GetDecimal());
        var credit = account.GetProperty("charges")[1];
        Assert.Equal((-1m, -1.80m), (credit.GetProperty("quantity").GetDecimal(), credit.GetProperty("amount").GetDecimal()));
        var journal = await (await _admin.GetAsync($"/api/journal?mrn={mrn}&kind=MedicationDoseCorrected")).ReadJsonAsync();
        Assert.Contains("vomited before swallowing", Assert.Single(journal.EnumerateArray()).GetProperty("payload").GetRawText());
    }
}
