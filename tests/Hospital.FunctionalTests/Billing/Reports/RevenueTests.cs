using Hospital.Api.Billing.Reports;
using Hospital.Contracts.Billing;
using static Hospital.FunctionalTests.Billing.Reports.BillingSamples;

namespace Hospital.FunctionalTests.Billing.Reports;

public sealed class RevenueTests
{
    private static readonly DateOnly July1 = new(2026, 7, 1);

    [Fact]
    public void ALineCountsOnTheHospitalDayOfItsEventAcrossMidnightInTheTimeZone()
    {
        // London is on BST (UTC+1): 22:59 UTC is 23:59 on 1 July, 23:01 UTC is 00:01 on 2 July.
        var revenue = new Revenue(July1, July1.AddDays(3), London, "GBP");
        revenue.Add(Line("a", LedgerLineKind.Charge, 10.00m, new DateTimeOffset(2026, 7, 1, 22, 59, 0, TimeSpan.Zero)));
        revenue.Add(Line("b", LedgerLineKind.Charge, 2.50m, new DateTimeOffset(2026, 7, 1, 23, 1, 0, TimeSpan.Zero)));

        var report = revenue.Report(truncated: false);

        Assert.Equal([10.00m, 2.50m, 0.00m], report.Days.Select(d => d.Net));
        Assert.Equal([July1, July1.AddDays(1), July1.AddDays(2)], report.Days.Select(d => d.Date));
        Assert.Equal("Europe/London", report.TimeZone);
    }

    [Fact]
    public void NetRevenueIsChargesLessCreditsByWardAndCategoryAndPaymentsAreNotRevenue()
    {
        var at = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
        var revenue = new Revenue(July1, July1.AddDays(1), London, "GBP");
        revenue.Add(Line("a", LedgerLineKind.Charge, 100.00m, at, "W3A", ChargeCategory.Accommodation));
        revenue.Add(Line("b", LedgerLineKind.Charge, 12.34m, at, "W3A", ChargeCategory.Pharmacy));
        revenue.Add(Line("c", LedgerLineKind.Credit, -2.34m, at, "W3A", ChargeCategory.Pharmacy));
        revenue.Add(Line("d", LedgerLineKind.Charge, 5.01m, at, null, null));
        revenue.Add(Line("e", LedgerLineKind.Payment, 50.00m, at));

        var report = revenue.Report(false);

        Assert.Equal(new RevenueAmounts(117.35m, -2.34m, 115.01m), report.Total);
        Assert.Equal([("W3A", 110.00m), (Revenue.NoWard, 5.01m)], report.Wards.Select(w => (w.WardId, w.Net)));
        Assert.Equal([(ChargeCategory.Accommodation, 100.00m), (ChargeCategory.Pharmacy, 10.00m), (ChargeCategory.Other, 5.01m)],
            report.Categories.Select(c => (c.Category, c.Net)));
        Assert.Equal(4, report.Lines);
        Assert.Equal("115.01", report.Total.Net.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ACreditLowersRevenueWhicheverSignTheLedgerGivesIt()
    {
        var at = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
        var revenue = new Revenue(July1, July1.AddDays(1), London, "GBP");
        revenue.Add(Line("a", LedgerLineKind.Charge, 10m, at));
        revenue.Add(Line("b", LedgerLineKind.Credit, 4m, at));

        Assert.Equal(6.00m, revenue.Report(false).Total.Net);
    }

    [Fact]
    public async Task TheLedgerIsReadPageByPageWithoutLosingOrRepeatingLinesThatShareAnInstant()
    {
        var midnight = new DateTimeOffset(2026, 7, 1, 23, 0, 0, TimeSpan.Zero); // 00:00 on 2 July in London
        // Eight bed-days at midnight, then doses two by two at the same minute, so pages of ten end between lines of one instant.
        var lines = Enumerable.Range(0, 8).Select(i => Line($"bed-{i:D2}", LedgerLineKind.Charge, 1m, midnight))
            .Concat(Enumerable.Range(0, 12).Select(i => Line($"dose-{i:D2}", LedgerLineKind.Charge, 0.10m, midnight.AddMinutes(1 + i / 2))))
            .ToList();
        var revenue = new Revenue(July1, July1.AddDays(2), London, "GBP");

        var truncated = await revenue.ReadAsync(new ListLedger(lines), pageSize: 10);

        var report = revenue.Report(truncated);
        Assert.False(truncated);
        Assert.Equal((20, 9.20m), (report.Lines, report.Total.Net));
    }

    [Fact]
    public async Task MoreLinesAtOneInstantThanAPageHoldsIsReportedAsTruncated()
    {
        var midnight = new DateTimeOffset(2026, 7, 1, 23, 0, 0, TimeSpan.Zero);
        var lines = Enumerable.Range(0, 12).Select(i => Line($"bed-{i:D2}", LedgerLineKind.Charge, 1m, midnight)).ToList();
        var revenue = new Revenue(July1, July1.AddDays(2), London, "GBP");

        Assert.True(await revenue.ReadAsync(new ListLedger(lines), pageSize: 10));
    }

    /// <summary>The ledger's paging contract over a list: lines in [from, to) by event time then id.</summary>
    private sealed class ListLedger(IReadOnlyList<LedgerLine> lines) : IBillingLedger
    {
        public Task ApplyAsync(LedgerChange change, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<LedgerLine>> LinesAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<LedgerLine>>([.. lines.Where(l => l.EventAt >= from && l.EventAt < to).OrderBy(l => l.EventAt).ThenBy(l => l.Id, StringComparer.Ordinal).Take(limit)]);

        public Task<IReadOnlyList<LedgerAccount>> AccountsAsync(bool openBalanceOnly, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
