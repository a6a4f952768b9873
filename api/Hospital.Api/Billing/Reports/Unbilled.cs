using Hospital.Contracts.Billing;

namespace Hospital.Api.Billing.Reports;

/// <summary>An account with charges no invoice carries yet, or with events that could not be priced.</summary>
/// <param name="Invoiced">The total of its latest invoice (0 when it has none).</param>
/// <param name="NotInvoiced">Its total now less <paramref name="Invoiced"/>.</param>
/// <param name="UnpricedCount">Events not charged because their code has no price yet.</param>
public sealed record UnbilledAccount(
    string EncounterId, string Mrn, string PayerId, DateTimeOffset OpenedAt, DateTimeOffset? DischargedAt, decimal Total, decimal Invoiced,
    decimal NotInvoiced, string? LastInvoice, DateTimeOffset? LastInvoicedAt, int UnpricedCount);

/// <param name="NotInvoiced">The sum of what the accounts have not invoiced.</param>
/// <param name="Unpriced">How many of the accounts have unpriced events.</param>
public sealed record UnbilledReport(string Currency, IReadOnlyList<UnbilledAccount> Accounts, decimal NotInvoiced, int Unpriced, bool Truncated);

/// <summary>
/// Accounts whose total differs from their latest invoice's (none: nothing invoiced), and accounts with unpriced
/// events; oldest admission first.
/// </summary>
public static class Unbilled
{
    /// <summary>The most accounts one report reads.</summary>
    public const int MaxAccounts = 100_000;

    public static UnbilledReport Compute(IEnumerable<LedgerAccount> accounts, IEnumerable<InvoiceSummary> latestInvoices, string currency, bool truncated)
    {
        var latest = latestInvoices.ToDictionary(i => i.EncounterId, StringComparer.Ordinal);
        var unbilled = accounts
            .Select(a => (Account: a, Invoice: latest.GetValueOrDefault(a.EncounterId)))
            .Where(x => x.Account.Total != (x.Invoice?.Total ?? 0m) || x.Account.UnpricedCount > 0)
            .OrderBy(x => x.Account.OpenedAt).ThenBy(x => x.Account.EncounterId, StringComparer.Ordinal)
            .Select(x =>
            {
                var invoiced = x.Invoice?.Total ?? 0m;
                return new UnbilledAccount(x.Account.EncounterId, x.Account.Mrn, x.Account.PayerId ?? Receivables.SelfPay, x.Account.OpenedAt,
                    x.Account.DischargedAt, Cents.Of(x.Account.Total), Cents.Of(invoiced), Cents.Of(x.Account.Total - invoiced), x.Invoice?.Number,
                    x.Invoice?.IssuedAt, x.Account.UnpricedCount);
            })
            .ToList();
        return new UnbilledReport(currency, unbilled, Cents.Of(unbilled.Sum(a => a.NotInvoiced)), unbilled.Count(a => a.UnpricedCount > 0), truncated);
    }
}
