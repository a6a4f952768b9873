using Hospital.Api.Billing.Reports;
using static Hospital.FunctionalTests.Billing.Reports.BillingSamples;

namespace Hospital.FunctionalTests.Billing.Reports;

public sealed class ReceivablesTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 4);

    /// <summary>Discharged at 10:00 on the hospital day <paramref name="daysAgo"/> before the report day.</summary>
    private static DateTimeOffset DischargedDaysAgo(int daysAgo) => new DateTimeOffset(AsOf.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

    [Theory]
    [InlineData(0, "0-30")]
    [InlineData(30, "0-30")]
    [InlineData(31, "31-60")]
    [InlineData(60, "31-60")]
    [InlineData(61, "61-90")]
    [InlineData(90, "61-90")]
    [InlineData(91, "90+")]
    [InlineData(400, "90+")]
    public void AnOpenBalanceIsAgedByTheDaysSinceDischarge(int daysAgo, string bucket)
    {
        var report = Receivables.Compute([Ledger("E1", 125.40m, DischargedDaysAgo(daysAgo))], AsOf, London, "GBP", truncated: false);

        var index = report.Buckets.Select(b => b.Label).ToList().IndexOf(bucket);
        var amounts = report.Payers.Single().Amounts;
        Assert.Equal(125.40m, amounts[index]);
        Assert.Equal(125.40m, amounts.Sum());
        Assert.Equal(0m, report.Totals.InHouse);
    }

    [Fact]
    public void TheDischargeDayIsTheHospitalsNotUtcs()
    {
        // 23:30 UTC on 3 November is 23:30 in London (GMT); 23:30 UTC on 3 July is already 4 July there (BST).
        var winter = Receivables.Compute([Ledger("E1", 10m, new DateTimeOffset(2026, 11, 3, 23, 30, 0, TimeSpan.Zero))], AsOf, London, "GBP", false);
        var summer = Receivables.Compute([Ledger("E1", 10m, new DateTimeOffset(2026, 7, 3, 23, 30, 0, TimeSpan.Zero))], new DateOnly(2026, 8, 3), London, "GBP", false);

        Assert.Equal(10m, winter.Totals.Amounts[1]); // 31 days
        Assert.Equal(10m, summer.Totals.Amounts[0]); // 30 days, not 31
    }

    [Fact]
    public void PatientsStillInHospitalAreInHouseAndNotAged()
    {
        var report = Receivables.Compute(
            [Ledger("E1", 50m, dischargedAt: null), Ledger("E2", 20m, new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero)), Ledger("E3", 5m, DischargedDaysAgo(3))],
            AsOf, London, "GBP", false);

        Assert.Equal(70m, report.Totals.InHouse); // E2 left after the report day
        Assert.Equal([5m, 0m, 0m, 0m], report.Totals.Amounts);
        Assert.Equal(75m, report.Totals.Total);
    }

    [Fact]
    public void BalancesAreTotalledPerPayerAndPerBucketWithSelfPayForAccountsWithoutAPayer()
    {
        var report = Receivables.Compute(
        [
            Ledger("E1", 100m, DischargedDaysAgo(10), payerId: "NHS"),
            Ledger("E2", 40.10m, DischargedDaysAgo(45), payerId: "NHS"),
            Ledger("E3", 12.35m, DischargedDaysAgo(100)),
            Ledger("E4", 7.65m, DischargedDaysAgo(5)),
            Ledger("E5", 0m, DischargedDaysAgo(5)),
            Ledger("E6", 30m, null, payerId: "AXA"),
        ], AsOf, London, "GBP", false);

        Assert.Equal(["AXA", "NHS", Receivables.SelfPay], report.Payers.Select(p => p.PayerId));
        var nhs = report.Payers.Single(p => p.PayerId == "NHS");
        Assert.Equal([100m, 40.10m, 0m, 0m], nhs.Amounts);
        Assert.Equal((140.10m, 2), (nhs.Total, nhs.Accounts));
        var self = report.Payers.Single(p => p.PayerId == Receivables.SelfPay);
        Assert.Equal([7.65m, 0m, 0m, 12.35m], self.Amounts);
        Assert.Equal((20.00m, 2), (self.Total, self.Accounts));
        Assert.Equal([107.65m, 40.10m, 0m, 12.35m], report.Totals.Amounts);
        Assert.Equal((30m, 190.10m, 5), (report.Totals.InHouse, report.Totals.Total, report.Totals.Accounts));
        Assert.Equal("190.10", report.Totals.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
