using Hospital.Contracts.Billing;

namespace Hospital.Api.Billing.Reports;

/// <summary>An age bucket: balances of accounts discharged <see cref="FromDays"/> to <see cref="ToDays"/> days before the report day.</summary>
public sealed record AgeBucket(string Label, int FromDays, int? ToDays);

/// <summary>A payer's open balances: one amount per bucket (in the order of the report's buckets), in-house, and in all.</summary>
/// <param name="InHouse">Balances of patients still in hospital on the report day: not aged.</param>
public sealed record ReceivablesRow(string PayerId, IReadOnlyList<decimal> Amounts, decimal InHouse, decimal Total, int Accounts);

/// <summary>Accounts receivable on a day, by age since discharge and by payer.</summary>
/// <param name="Truncated">More open accounts exist than the report reads (<see cref="Receivables.MaxAccounts"/>).</param>
public sealed record ReceivablesReport(
    DateOnly AsOf, string TimeZone, string Currency, IReadOnlyList<AgeBucket> Buckets, IReadOnlyList<ReceivablesRow> Payers, ReceivablesRow Totals, bool Truncated);

/// <summary>
/// Ages open balances: days from the discharge day to the report day on the hospital's clock, 0-30, 31-60, 61-90 and
/// over 90; an account not discharged by the end of the report day is in-house. An account without a payer is self-pay.
/// </summary>
public static class Receivables
{
    public const string SelfPay = "self-pay";
    public const string AllPayers = "all";

    /// <summary>The most open accounts one report reads.</summary>
    public const int MaxAccounts = 100_000;

    public static readonly IReadOnlyList<AgeBucket> Buckets = [new("0-30", 0, 30), new("31-60", 31, 60), new("61-90", 61, 90), new("90+", 91, null)];

    /// <summary>The bucket of an age in days (index into <see cref="Buckets"/>).</summary>
    public static int BucketOf(int ageDays) => Buckets.Count(b => b.FromDays <= ageDays) - 1;

    public static ReceivablesReport Compute(IEnumerable<LedgerAccount> accounts, DateOnly asOf, TimeZoneInfo zone, string currency, bool truncated)
    {
        var rows = accounts.Where(a => a.Balance != 0)
            .GroupBy(a => a.PayerId ?? SelfPay, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Row(g.Key, g, asOf, zone))
            .ToList();
        var totals = new ReceivablesRow(AllPayers, [.. Buckets.Select((_, i) => Cents.Of(rows.Sum(r => r.Amounts[i])))], Cents.Of(rows.Sum(r => r.InHouse)),
            Cents.Of(rows.Sum(r => r.Total)), rows.Sum(r => r.Accounts));
        return new ReceivablesReport(asOf, zone.Id, currency, Buckets, rows, totals, truncated);
    }

    private static ReceivablesRow Row(string payerId, IEnumerable<LedgerAccount> accounts, DateOnly asOf, TimeZoneInfo zone)
    {
        var amounts = new decimal[Buckets.Count];
        var inHouse = 0m;
        var count = 0;
        foreach (var account in accounts)
        {
            count++;
            var discharged = account.DischargedAt is { } at ? HospitalDays.Of(at, zone) : (DateOnly?)null;
            if (discharged is not { } day || day > asOf)
            {
                inHouse += account.Balance;
            }
            else
            {
                amounts[BucketOf(asOf.DayNumber - day.DayNumber)] += account.Balance;
            }
        }

        return new ReceivablesRow(payerId, [.. amounts.Select(Cents.Of)], Cents.Of(inHouse), Cents.Of(amounts.Sum() + inHouse), count);
    }
}
