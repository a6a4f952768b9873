using Hospital.Api.Billing.Reports;
using Hospital.Contracts.Billing;
using static Hospital.FunctionalTests.Billing.Reports.BillingSamples;

namespace Hospital.FunctionalTests.Billing.Reports;

public sealed class UnbilledTests
{
    private static InvoiceSummary Invoiced(string encounterId, string number, decimal total) =>
        new(number, Noon, encounterId, "M-" + encounterId, "GBP", 3, total, 0m, total);

    [Fact]
    public void AnAccountIsUnbilledForWhatItsLatestInvoiceDoesNotCarryOrForEventsNotPriced()
    {
        var report = Unbilled.Compute(
        [
            Ledger("never-invoiced", balance: 80m, dischargedAt: null, total: 80m),
            Ledger("fully-invoiced", balance: 50m, dischargedAt: Noon, total: 50m),
            Ledger("charged-since", balance: 75.50m, dischargedAt: Noon, total: 75.50m, payerId: "NHS"),
            Ledger("credited-since", balance: 40m, dischargedAt: Noon, total: 40m),
            Ledger("unpriced", balance: 20m, dischargedAt: null, total: 20m, unpriced: 2),
            Ledger("empty", balance: 0m, dischargedAt: null, total: 0m),
        ],
        [
            Invoiced("fully-invoiced", "INV-000001", 50m),
            Invoiced("charged-since", "INV-000002", 60m),
            Invoiced("credited-since", "INV-000003", 45m),
            Invoiced("unpriced", "INV-000004", 20m),
        ], "GBP", truncated: false);

        var byId = report.Accounts.ToDictionary(a => a.EncounterId);
        Assert.Equal(["charged-since", "credited-since", "never-invoiced", "unpriced"], byId.Keys.Order());
        Assert.Equal((80m, 0m, (string?)null), (byId["never-invoiced"].NotInvoiced, byId["never-invoiced"].Invoiced, byId["never-invoiced"].LastInvoice));
        Assert.Equal((15.50m, "INV-000002", "NHS"), (byId["charged-since"].NotInvoiced, byId["charged-since"].LastInvoice, byId["charged-since"].PayerId));
        Assert.Equal(-5m, byId["credited-since"].NotInvoiced);
        Assert.Equal((0m, 2), (byId["unpriced"].NotInvoiced, byId["unpriced"].UnpricedCount));
        Assert.Equal((90.50m, 1), (report.NotInvoiced, report.Unpriced));
    }
}
