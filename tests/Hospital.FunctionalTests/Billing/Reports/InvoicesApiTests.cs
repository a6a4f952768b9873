using System.Net;
using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;
using PdfSharp.Pdf.IO;
using static Hospital.FunctionalTests.Billing.Reports.BillingRequests;

namespace Hospital.FunctionalTests.Billing.Reports;

/// <summary>Invoices end to end on SQLite: issued from an account, read as JSON, HTML and PDF; numbers, refusals and roles.</summary>
[Collection(SqliteApiCollection.Name)]
public sealed class InvoicesApiTests(HospitalFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    private Task<HttpClient> As(string role) => TestAuth.UserClientAsync(_admin, factory.CreateAnonymousClient, role);

    [Fact]
    public async Task AnInvoiceCopiesTheAccountAsNumberedLinesWithTotalsToTheCentAndReadsAsJsonHtmlAndPdf()
    {
        var scan = await PriceAsync(_admin, 85.10m);
        var swab = await PriceAsync(_admin, 0.33m, "Supplies");
        var (mrn, encounterId, _) = await AdmittedAsync(_admin);
        var billing = await As("Billing");
        var first = await ChargeAsync(billing, encounterId, scan, 2);
        await ChargeAsync(billing, encounterId, swab, 3);
        var credit = await billing.PostAsJsonAsync($"/api/admissions/{encounterId}/credits",
            new { chargeId = first.GetProperty("id").GetString(), quantity = 1, reason = "one scan not done" });
        Assert.Equal(HttpStatusCode.Created, credit.StatusCode);
        await PayAsync(billing, encounterId, 50.00m, "Card", "AUTH-77");

        var response = await billing.PostAsync($"/api/admissions/{encounterId}/invoices", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var invoice = await response.ReadJsonAsync();
        var number = invoice.GetProperty("number").GetString()!;
        Assert.Matches("^INV-[0-9]{6}$", number);
        Assert.Equal($"/api/invoices/{number}", response.Headers.Location?.OriginalString);
        Assert.Equal((encounterId, mrn, "GBP"), (invoice.GetProperty("encounterId").GetString(), invoice.GetProperty("mrn").GetString(), invoice.GetProperty("currency").GetString()));
        Assert.Equal(("Ann", "1950-02-03"), (invoice.GetProperty("patient").GetProperty("name").GetProperty("given").GetString(), invoice.GetProperty("patient").GetProperty("birthDate").GetString()));
        var lines = invoice.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], lines.Select(l => l.GetProperty("number").GetInt32()));
        Assert.Equal([170.20m, 0.99m, -85.10m], lines.Select(l => l.GetProperty("amount").GetDecimal()));
        Assert.Equal(first.GetProperty("id").GetString(), lines[2].GetProperty("reverses").GetString());
        Assert.Equal((171.19m, -85.10m, 86.09m, 50.00m, 36.09m), (invoice.GetProperty("subtotal").GetDecimal(), invoice.GetProperty("credits").GetDecimal(),
            invoice.GetProperty("total").GetDecimal(), invoice.GetProperty("paid").GetDecimal(), invoice.GetProperty("balanceDue").GetDecimal()));
        Assert.Contains("\"subtotal\":171.19", invoice.GetRawText());
        Assert.Contains("\"paid\":50.00", invoice.GetRawText());

        var read = await billing.GetAsync($"/api/invoices/{number}");
        Assert.Equal(invoice.GetRawText(), (await read.ReadJsonAsync()).GetRawText());

        var html = await billing.GetAsync($"/api/invoices/{number}/html");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", html.Headers.GetValues("Content-Security-Policy").Single());
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains(number, page);
        Assert.Contains("36.09", page);

        var pdf = await billing.GetAsync($"/api/invoices/{number}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{number}.pdf", pdf.Content.Headers.ContentDisposition?.FileName);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(1, PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import).PageCount);

        var listed = await (await billing.GetAsync($"/api/admissions/{encounterId}/invoices")).ReadJsonAsync();
        Assert.Equal([(number, 86.09m)], listed.EnumerateArray().Select(i => (i.GetProperty("number").GetString(), i.GetProperty("total").GetDecimal())));
    }

    [Fact]
    public async Task ThePrintablePageShowsAHostileNameAsText()
    {
        var code = await PriceAsync(_admin, 1m);
        var (_, encounterId, _) = await AdmittedAsync(_admin, Requests.Patient("<img src=x onerror=alert(1)>", "</td><script>x()</script>"));
        await ChargeAsync(_admin, encounterId, code, 1);
        var number = (await IssueAsync(_admin, encounterId)).GetProperty("number").GetString();

        var page = await (await _admin.GetAsync($"/api/invoices/{number}/html")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<img", page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("</td><", page[page.IndexOf("data-field=\"patient\"", StringComparison.Ordinal)..page.IndexOf("Date of birth", StringComparison.Ordinal)]);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page);
    }

    [Fact]
    public async Task NumbersFollowOneAnotherAndAnIssuedInvoiceNeverChanges()
    {
        var code = await PriceAsync(_admin, 10m);
        var (_, encounterId, _) = await AdmittedAsync(_admin);
        await ChargeAsync(_admin, encounterId, code, 1);
        var first = await IssueAsync(_admin, encounterId);
        await ChargeAsync(_admin, encounterId, code, 2);

        var second = await IssueAsync(_admin, encounterId);

        var sequence = (string n) => long.Parse(n["INV-".Length..]);
        Assert.Equal(sequence(first.GetProperty("number").GetString()!) + 1, sequence(second.GetProperty("number").GetString()!));
        Assert.Equal((10.00m, 30.00m), (first.GetProperty("total").GetDecimal(), second.GetProperty("total").GetDecimal()));
        var again = await (await _admin.GetAsync($"/api/invoices/{first.GetProperty("number").GetString()}")).ReadJsonAsync();
        Assert.Equal(first.GetRawText(), again.GetRawText());
        var listed = await (await _admin.GetAsync($"/api/admissions/{encounterId}/invoices")).ReadJsonAsync();
        Assert.Equal([first.GetProperty("number").GetString(), second.GetProperty("number").GetString()], listed.EnumerateArray().Select(i => i.GetProperty("number").GetString()));
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyGetsTheSameInvoice()
    {
        var code = await PriceAsync(_admin, 12.34m);
        var (_, encounterId, _) = await AdmittedAsync(_admin);
        await ChargeAsync(_admin, encounterId, code, 1);
        var key = Guid.NewGuid().ToString("N");

        async Task<string> IssueWithKey()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admissions/{encounterId}/invoices");
            request.Headers.Add("Idempotency-Key", key);
            var response = await _admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.ReadJsonAsync()).GetProperty("number").GetString()!;
        }

        Assert.Equal(await IssueWithKey(), await IssueWithKey());
        Assert.Equal(1, (await (await _admin.GetAsync($"/api/admissions/{encounterId}/invoices")).ReadJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task UnknownInvoicesAndAdmissionsAre404AndAnAccountWithNoLinesIs409()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/invoices/INV-999999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/invoices/not-a-number/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/invoices/INV-999999999/html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsync("/api/admissions/no-such-admission/invoices", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/admissions/no-such-admission/invoices")).StatusCode);
        var problem = await _admin.GetAsync("/api/invoices/INV-999999999");
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);

        var (_, encounterId, _) = await AdmittedAsync(_admin);
        var empty = await _admin.PostAsync($"/api/admissions/{encounterId}/invoices", null);
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
        Assert.Equal(0, (await (await _admin.GetAsync($"/api/admissions/{encounterId}/invoices")).ReadJsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task OnlyBillingReadsAndIssuesInvoices()
    {
        var code = await PriceAsync(_admin, 5m);
        var (_, encounterId, _) = await AdmittedAsync(_admin);
        await ChargeAsync(_admin, encounterId, code, 1);
        var number = (await IssueAsync(_admin, encounterId)).GetProperty("number").GetString();
        var nurse = await As("Nurse");
        var physician = await As("Physician");

        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.PostAsync($"/api/admissions/{encounterId}/invoices", null)).StatusCode);
        foreach (var path in new[] { $"/api/invoices/{number}", $"/api/invoices/{number}/pdf", $"/api/invoices/{number}/html", $"/api/admissions/{encounterId}/invoices" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await physician.GetAsync(path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateAnonymousClient().GetAsync($"/api/invoices/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await As("Billing")).GetAsync($"/api/invoices/{number}")).StatusCode);
    }
}
