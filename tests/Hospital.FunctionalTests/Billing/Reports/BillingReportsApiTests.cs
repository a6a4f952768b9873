using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hospital.Contracts.Billing;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hospital.FunctionalTests.Billing.Reports.BillingRequests;

namespace Hospital.FunctionalTests.Billing.Reports;

/// <summary>The finance reports end to end on SQLite, over the ledger rows the accounts commit; other tests share the database, so each looks at its own payer, ward or admission.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class BillingReportsApiTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    private Task<HttpClient> As(string role) => TestAuth.UserClientAsync(_admin, factory.CreateAnonymousClient, role);

    /// <summary>Reads a report until <paramref name="done"/> holds (the ledger follows admissions and discharges by outbox, moments later).</summary>
    private async Task<JsonElement> ReportAsync(HttpClient client, string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var report = await response.ReadJsonAsync();
            if (done(report) || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(100);
        }
    }

    private static JsonElement? Payer(JsonElement report, string payerId) =>
        report.GetProperty("payers").EnumerateArray().Where(p => p.GetProperty("payerId").GetString() == payerId).Cast<JsonElement?>().FirstOrDefault();

    [Fact]
    public async Task ReceivablesAgeADischargedAccountAndKeepAnInHouseOneApartForItsPayer()
    {
        var payer = "PAYER-" + Guid.NewGuid().ToString("N")[..8];
        var code = await PriceAsync(_admin, 40.25m);
        var (_, discharged, _) = await AdmittedAsync(_admin);
        var (_, inHouse, _) = await AdmittedAsync(_admin);
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        foreach (var encounterId in new[] { discharged, inHouse })
        {
            await ChargeAsync(_admin, encounterId, code, 2);
            await grains.GetGrain<IAccountGrain>(encounterId).SetPayer(payer);
        }

        await PayAsync(_admin, discharged, 0.50m);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/api/admissions/{discharged}/discharge", null)).StatusCode);
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(45).ToString("yyyy-MM-dd");

        var report = await ReportAsync(await As("Billing"), $"/api/billing/reports/receivables?asOf={asOf}",
            r => Payer(r, payer) is { } p && p.GetProperty("inHouse").GetDecimal() == 80.50m);

        var row = Payer(report, payer)!.Value;
        Assert.Equal([0m, 80.00m, 0m, 0m], row.GetProperty("amounts").EnumerateArray().Select(a => a.GetDecimal()));
        Assert.Equal((80.50m, 160.50m, 2), (row.GetProperty("inHouse").GetDecimal(), row.GetProperty("total").GetDecimal(), row.GetProperty("accounts").GetInt32()));
        Assert.Equal(["0-30", "31-60", "61-90", "90+"], report.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("label").GetString()));
        Assert.Equal((asOf, "GBP"), (report.GetProperty("asOf").GetString(), report.GetProperty("currency").GetString()));
        Assert.Contains("\"inHouse\":80.50", row.GetRawText());

        var csv = await _admin.GetAsync($"/api/billing/reports/receivables?asOf={asOf}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"receivables-{asOf}.csv", csv.Content.Headers.ContentDisposition?.FileName);
        var rows = (await csv.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("payer,0-30,31-60,61-90,90+,in-house,total,accounts", rows[0]);
        Assert.Contains($"{payer},0.00,80.00,0.00,0.00,80.50,160.50,2", rows);
        Assert.StartsWith("all,", rows.Last(r => r.Length > 0));
    }

    [Fact]
    public async Task RevenueIsNetOfCreditsByDayWardAndCategory()
    {
        var lab = await PriceAsync(_admin, 12.30m, "Laboratory");
        var (_, encounterId, ward) = await AdmittedAsync(_admin);
        var charge = await ChargeAsync(_admin, encounterId, lab, 3);
        var credit = await _admin.PostAsJsonAsync($"/api/admissions/{encounterId}/credits", new { chargeId = charge.GetProperty("id").GetString(), quantity = 1, reason = "repeat" });
        Assert.Equal(HttpStatusCode.Created, credit.StatusCode);
        var from = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var path = $"/api/billing/reports/revenue?from={from:yyyy-MM-dd}&to={from.AddDays(3):yyyy-MM-dd}";

        var report = await ReportAsync(_admin, path, r => r.GetProperty("wards").EnumerateArray().Any(w => w.GetProperty("wardId").GetString() == ward));

        var byWard = report.GetProperty("wards").EnumerateArray().Single(w => w.GetProperty("wardId").GetString() == ward);
        Assert.Equal((36.90m, -12.30m, 24.60m), (byWard.GetProperty("charges").GetDecimal(), byWard.GetProperty("credits").GetDecimal(), byWard.GetProperty("net").GetDecimal()));
        var rows = report.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("wardId").GetString() == ward).ToList();
        Assert.Equal([("Laboratory", 24.60m)], rows.Select(r => (r.GetProperty("category").GetString(), r.GetProperty("net").GetDecimal())));
        Assert.Equal(3, report.GetProperty("days").GetArrayLength());
        Assert.Equal("Europe/London", report.GetProperty("timeZone").GetString());

        var csv = await (await _admin.GetAsync(path + "&format=csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("date,ward,category,charges,credits,net\r\n", csv);
        Assert.Contains($",{ward},Laboratory,36.90,-12.30,24.60\r\n", csv);
    }

    [Fact]
    public async Task AnAccountIsUnbilledUntilAnInvoiceCarriesItsTotal()
    {
        var code = await PriceAsync(_admin, 19.99m);
        var (mrn, encounterId, _) = await AdmittedAsync(_admin);
        await ChargeAsync(_admin, encounterId, code, 1);
        static JsonElement? Of(JsonElement report, string encounterId) =>
            report.GetProperty("accounts").EnumerateArray().Where(a => a.GetProperty("encounterId").GetString() == encounterId).Cast<JsonElement?>().FirstOrDefault();

        var before = await ReportAsync(_admin, "/api/billing/reports/unbilled", r => Of(r, encounterId) is { } a && a.GetProperty("total").GetDecimal() == 19.99m);
        Assert.Equal((mrn, 19.99m, 0.00m), (Of(before, encounterId)!.Value.GetProperty("mrn").GetString(), Of(before, encounterId)!.Value.GetProperty("notInvoiced").GetDecimal(),
            Of(before, encounterId)!.Value.GetProperty("invoiced").GetDecimal()));
        var csv = await (await _admin.GetAsync("/api/billing/reports/unbilled?format=csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("encounterId,mrn,payer,openedAt,dischargedAt,total,invoiced,notInvoiced,lastInvoice,unpriced\r\n", csv);
        Assert.Contains($"{encounterId},{mrn},self-pay,", csv);

        var number = (await IssueAsync(_admin, encounterId)).GetProperty("number").GetString();
        Assert.Null(Of(await ReportAsync(_admin, "/api/billing/reports/unbilled", _ => true), encounterId));

        await ChargeAsync(_admin, encounterId, code, 2);
        var after = await ReportAsync(_admin, "/api/billing/reports/unbilled", r => Of(r, encounterId) is not null);
        Assert.Equal((39.98m, 19.99m, number), (Of(after, encounterId)!.Value.GetProperty("notInvoiced").GetDecimal(),
            Of(after, encounterId)!.Value.GetProperty("invoiced").GetDecimal(), Of(after, encounterId)!.Value.GetProperty("lastInvoice").GetString()));
    }

    [Theory]
    [InlineData("/api/billing/reports/revenue?from=2026-01-10&to=2026-01-10", "to")]
    [InlineData("/api/billing/reports/revenue?from=2026-02-01&to=2026-01-01", "to")]
    [InlineData("/api/billing/reports/revenue?from=2025-01-01&to=2026-01-03", "from")]
    [InlineData("/api/billing/reports/revenue?from=1999-12-31&to=2000-01-05", "from")]
    [InlineData("/api/billing/reports/revenue?from=yesterday", "from")]
    [InlineData("/api/billing/reports/receivables?asOf=2026-13-01", "asOf")]
    [InlineData("/api/billing/reports/receivables?asOf=2101-01-01", "asOf")]
    [InlineData("/api/billing/reports/unbilled?format=xlsx", "format")]
    public async Task OutOfRangeOrUnreadableParametersAre400(string path, string field) =>
        await (await _admin.GetAsync(path)).AssertInvalidAsync(field);

    [Fact]
    public async Task ARangeOf366DaysIsTheLongestAllowed() =>
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/billing/reports/revenue?from=2025-01-01&to=2026-01-02")).StatusCode);

    [Fact]
    public async Task TheReportsAreForBillingOnly()
    {
        var nurse = await As("Nurse");
        var billing = await As("Billing");
        foreach (var report in new[] { "receivables", "revenue", "unbilled", "receivables?format=csv" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync($"/api/billing/reports/{report}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await billing.GetAsync($"/api/billing/reports/{report}")).StatusCode);
        }
    }
}
