using System.Net.Http.Json;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Playwright;
using static Hospital.FunctionalTests.Dashboard.WardSetup;
using static Microsoft.Playwright.Assertions;

namespace Hospital.FunctionalTests.Dashboard;

/// <summary>The billing pages in Chromium, signed in as a Billing user: the reports with their charts, an account, a payment, an invoice.</summary>
[Collection(DashboardCollection.Name)]
public sealed class BillingTests(DashboardFixture dashboard)
{
    private HttpClient Api => dashboard.Api;

    private async Task<string> BillingTokenAsync()
    {
        var username = "billing-" + Guid.NewGuid().ToString("N")[..8];
        var password = "pw-" + Guid.NewGuid().ToString("N");
        (await Api.PostAsJsonAsync("/api/admin/users", new { username, password, roles = new[] { "Billing" } })).EnsureSuccessStatusCode();
        using var anonymous = dashboard.Server.CreateClient();
        return await TestAuth.TokenAsync(anonymous, username, password);
    }

    /// <summary>An admission with two lines: 2 x 45.50 and 1 x 9.99 (total 100.99).</summary>
    private async Task<(string Code, string EncounterId)> ChargedAdmissionAsync()
    {
        var code = "DASH-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await PostAsync(Api, "/api/charge-master", new { code, description = "Physiotherapy session", unitPrice = 45.50m, category = "Procedure" });
        await PostAsync(Api, "/api/charge-master", new { code = code + "-S", description = "Dressing pack", unitPrice = 9.99m, category = "Supplies" });
        var ward = await WardAsync(Api, beds: 1);
        var (_, encounterId) = await AdmissionAsync(Api, BedId(ward, 1), UniqueWord("Bill"), "Payer");
        await PostAsync(Api, $"/api/admissions/{encounterId}/charges", new { code, quantity = 2 });
        await PostAsync(Api, $"/api/admissions/{encounterId}/charges", new { code = code + "-S", quantity = 1 });
        return (code, encounterId);
    }

    [Fact]
    public async Task TheBillingPageChartsReceivablesAndRevenueAndLeadsToAnAccountsLines()
    {
        var (_, encounterId) = await ChargedAdmissionAsync();
        await using var page = await dashboard.OpenWithTokenAsync("/", await BillingTokenAsync());
        // The live feed is not part of the Billing role: switched off, not retried every few seconds.
        await Expect(page.Page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "Off");

        await page.Page.GetByTestId("billing-link").ClickAsync();

        var chart = page.Page.GetByTestId("receivables-chart");
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart.GetByTestId("chart-bar")).ToHaveCountAsync(5);
        await Expect(chart.Locator("[data-testid=chart-bar][data-label='In house'] rect").First).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("receivables-row").Filter(new() { HasText = "self-pay" })).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("revenue-chart").GetByTestId("chart-bar")).ToHaveCountAsync(30);
        var unbilled = page.Page.Locator($"[data-testid=unbilled-row][data-encounter='{encounterId}']");
        await Expect(unbilled).ToContainTextAsync("100.99");
        TestPaths.PublishToDocs(await page.ScreenshotAsync("billing-reports"), "billing-reports.png");

        await unbilled.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page.Page.GetByTestId("account-line")).ToHaveCountAsync(2);
        await Expect(page.Page.GetByTestId("account-balance")).ToHaveAttributeAsync("data-amount", "100.99");
        await Expect(page.Page.GetByTestId("account-patient")).ToContainTextAsync("Payer");
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task RecordingAPaymentUpdatesTheBalanceAndAnIssuedInvoiceOpensAsAPageAndAPdf()
    {
        var (code, encounterId) = await ChargedAdmissionAsync();
        await using var page = await dashboard.OpenWithTokenAsync($"/#/billing/account/{encounterId}", await BillingTokenAsync());
        var balance = page.Page.GetByTestId("account-balance");
        await Expect(balance).ToHaveAttributeAsync("data-amount", "100.99");

        // A card payment needs its reference: the api's words show at the field.
        await page.Page.GetByTestId("payment-form-method").SelectOptionAsync("Card");
        await page.Page.GetByTestId("payment-form-amount").FillAsync("40.99");
        await page.Page.GetByTestId("payment-form-submit").ClickAsync();
        await Expect(page.Page.GetByTestId("payment-form-reference")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(balance).ToHaveAttributeAsync("data-amount", "100.99");
        await page.Page.GetByTestId("payment-form-reference").FillAsync("AUTH-4242");
        await page.Page.GetByTestId("payment-form-submit").ClickAsync();

        await Expect(balance).ToHaveAttributeAsync("data-amount", "60.00");
        await Expect(page.Page.GetByTestId("account-payment")).ToContainTextAsync("AUTH-4242");

        await page.Page.GetByTestId("charge-form-code").FillAsync(code);
        await page.Page.GetByTestId("charge-form-quantity").FillAsync("1");
        await page.Page.GetByTestId("charge-form-submit").ClickAsync();
        await Expect(page.Page.GetByTestId("account-line")).ToHaveCountAsync(3);
        await Expect(balance).ToHaveAttributeAsync("data-amount", "105.50");

        await page.Page.GetByTestId("issue-invoice").ClickAsync();
        var invoice = page.Page.GetByTestId("invoice-row");
        await Expect(invoice).ToHaveCountAsync(1);
        var number = await invoice.GetAttributeAsync("data-number");
        Assert.Matches("^INV-[0-9]{6}$", number);
        await page.ScreenshotAsync("billing-account");

        var download = await page.Page.RunAndWaitForDownloadAsync(() => invoice.GetByTestId("invoice-pdf").ClickAsync());
        Assert.Equal($"{number}.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));

        var printable = await page.Page.RunAndWaitForPopupAsync(() => invoice.GetByTestId("invoice-html").ClickAsync());
        await Expect(printable.Locator("[data-field=number]")).ToHaveTextAsync(number!);
        await Expect(printable.Locator("table.totals")).ToContainTextAsync("105.50");
        await printable.ScreenshotAsync(new() { Path = Path.Combine(DashboardPage.ScreenshotDirectory, "billing-invoice.png"), FullPage = true });
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task AReportDownloadsAsCsv()
    {
        await ChargedAdmissionAsync();
        await using var page = await dashboard.OpenWithTokenAsync("/#/billing", await BillingTokenAsync());
        await Expect(page.Page.GetByTestId("unbilled-row").First).ToBeVisibleAsync();

        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.GetByTestId("unbilled-csv").ClickAsync());

        Assert.StartsWith("unbilled-", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("encounterId,mrn,payer,openedAt,dischargedAt,total,invoiced,notInvoiced,lastInvoice,unpriced", csv);
        page.AssertNoScriptErrors();
    }

    [Fact]
    public async Task TheBillingLinkIsOfferedOnlyToThoseWhoMayReadBilling()
    {
        await using var page = await dashboard.OpenAsync("/");
        await page.ExpectConnectedAsync();
        await Expect(page.Page.GetByTestId("billing-link")).ToBeHiddenAsync();
        page.AssertNoScriptErrors();
    }
}
