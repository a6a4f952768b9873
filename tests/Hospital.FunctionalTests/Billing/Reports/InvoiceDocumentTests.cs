using Hospital.Api.Billing.Invoices;
using Hospital.Contracts.Billing;
using Hospital.Grains.Billing.Invoices;
using Hospital.Grains.Medications;
using Microsoft.Extensions.Options;
using PdfSharp.Pdf.IO;
using static Hospital.FunctionalTests.Billing.Reports.BillingSamples;

namespace Hospital.FunctionalTests.Billing.Reports;

public sealed class InvoiceDocumentTests
{
    private static readonly IOptions<HospitalZoneOptions> Zone = Options.Create(new HospitalZoneOptions());

    private static Invoice Issue(Hospital.Contracts.Billing.Account account, string given = "Ann", string family = "Lee") =>
        InvoiceDraft.Of(account, Patient(given, family), "INV-000042", Noon, "billing");

    private static Invoice WithLines(int count) =>
        Issue(Account([.. Enumerable.Range(1, count).Select(i => Charge($"L{i}", 1, 1.25m))]));

    [Fact]
    public void LinesAreNumberedInPostingOrderWithCreditsAsLinesOfTheirOwnAndTotalsToTheCent()
    {
        var account = Account(
            [
                Charge("L1", 3, 0.335m),                // 1.005 -> 1.01 (half away from zero)
                Charge("L2", 1, 120.00m, ChargeCategory.Accommodation),
                Charge("L3", 2, 4.125m),                // 8.25
                Charge("L4", -1, 120.00m, ChargeCategory.Accommodation, reverses: "L2", reason: "entered in error"),
            ],
            [Payment("P1", 5.00m), Payment("P2", 0.26m, PaymentMethod.Cash, "desk")]);

        var invoice = Issue(account);

        Assert.Equal([1, 2, 3, 4], invoice.Lines.Select(l => l.Number));
        Assert.Equal(["L1", "L2", "L3", "L4"], invoice.Lines.Select(l => l.ChargeId));
        Assert.Equal([1.01m, 120.00m, 8.25m, -120.00m], invoice.Lines.Select(l => l.Amount));
        Assert.True(invoice.Lines[3].IsCredit);
        Assert.Equal((129.26m, -120.00m, 9.26m), (invoice.Subtotal, invoice.Credits, invoice.Total));
        Assert.Equal((5.26m, 4.00m), (invoice.Paid, invoice.BalanceDue));
        Assert.Equal(account.Total, invoice.Total);
        Assert.Equal(("Ann", new DateOnly(1950, 2, 3), "GBP", 7L), (invoice.Patient.Name.Given, invoice.Patient.BirthDate, invoice.Currency, invoice.AccountVersion));
        Assert.Equal("4.00", invoice.BalanceDue.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ThePrintablePageEncodesWhatItShows()
    {
        var invoice = Issue(Account([Charge("L1", 1, 9.99m, description: "Gloves <b>M</b>")]), given: "<script>alert('x')</script>", family: "O'Brien & \"Sons\"");

        var html = new InvoiceHtml(Options.Create(new InvoiceOptions { HospitalName = "St <Mary's>" }), Zone).Render(invoice);

        Assert.StartsWith("<!doctype html>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>M</b>", html);
        Assert.DoesNotContain("St <Mary", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("O&#x27;Brien &amp; &quot;Sons&quot;", html);
        Assert.Contains("INV-000042", html);
        Assert.Contains("9.99", html);
    }

    [Fact]
    public void ThePageAllowsOnlyItsOwnStyleSheet()
    {
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", InvoiceHtml.Policy);
        Assert.DoesNotContain("unsafe", InvoiceHtml.Policy);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(43, 2)]   // the first page holds 43 lines; the totals go over
    [InlineData(140, 3)]  // 43 + 53 + 44, totals on the third page
    [InlineData(149, 4)]  // 43 + 53 + 53, totals on a page of their own
    [InlineData(150, 4)]  // 43 + 53 + 53 + 1, totals with the last line
    public void ThePdfIsADocumentOfAsManyPagesAsItsLinesNeed(int lines, int pages)
    {
        var pdf = new InvoicePdf(Options.Create(new InvoiceOptions()), Zone).Render(WithLines(lines));

        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        Assert.Equal(pages, document.PageCount);
        Assert.Equal("Invoice INV-000042", document.Info.Title);
    }
}
