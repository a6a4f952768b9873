using System.Globalization;
using Hospital.Api.Billing.Reports;
using Hospital.Contracts.Billing;
using static Hospital.FunctionalTests.Billing.Reports.BillingSamples;

namespace Hospital.FunctionalTests.Billing.Reports;

public sealed class ReportCsvTests
{
    [Fact]
    public void ReceivablesHaveAHeaderRowAPayerPerRowAndTheTotalsLast()
    {
        var report = Receivables.Compute([Ledger("E1", 1234.5m, Noon.AddDays(-40), payerId: "NHS"), Ledger("E2", 7m, null)], new DateOnly(2026, 12, 4), London, "GBP", false);

        var lines = InGerman(() => ReportCsv.Receivables(report)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
        [
            "payer,0-30,31-60,61-90,90+,in-house,total,accounts",
            "NHS,0.00,1234.50,0.00,0.00,0.00,1234.50,1",
            "self-pay,0.00,0.00,0.00,0.00,7.00,7.00,1",
            "all,0.00,1234.50,0.00,0.00,7.00,1241.50,2",
        ], lines);
    }

    [Fact]
    public void RevenueRowsAreByDayWardAndCategoryWithNegativeCreditsAsNumbers()
    {
        var revenue = new Revenue(new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 2), London, "GBP");
        revenue.Add(Line("a", LedgerLineKind.Charge, 10m, new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero), "W3A", ChargeCategory.Laboratory));
        revenue.Add(Line("b", LedgerLineKind.Credit, -2.5m, new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), "W3A", ChargeCategory.Laboratory));

        var csv = InGerman(() => ReportCsv.Revenue(revenue.Report(false)));

        Assert.Equal("date,ward,category,charges,credits,net\r\n2026-07-01,W3A,Laboratory,10.00,-2.50,7.50\r\n", csv);
    }

    [Fact]
    public void UnbilledAccountsAreOneRowEachAndTextThatLooksLikeAFormulaIsEscaped()
    {
        var report = Unbilled.Compute([Ledger("E1", 80m, null, payerId: "=HYPERLINK(\"x\")", total: 80m)], [], "GBP", false);

        var lines = ReportCsv.Unbilled(report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("encounterId,mrn,payer,openedAt,dischargedAt,total,invoiced,notInvoiced,lastInvoice,unpriced", lines[0]);
        Assert.Equal("E1,M-E1,\"'=HYPERLINK(\"\"x\"\")\",2026-11-29T12:00:00.0000000Z,,80.00,0.00,80.00,,0", lines[1]);
    }

    private static string InGerman(Func<string> write)
    {
        var culture = CultureInfo.CurrentCulture;
        // Decimal comma, dot for thousands (a German-style culture; the platform runs with invariant globalization).
        var german = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        german.NumberFormat.NumberDecimalSeparator = ",";
        german.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo.CurrentCulture = german;
        try
        {
            return write();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
