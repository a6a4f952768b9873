namespace Hospital.Contracts.Billing;

/// <summary>A ledger row: a charge, credit or payment as the reports read it.</summary>
[GenerateSerializer, Immutable, Alias("hospital.ledger-line")]
public sealed record LedgerLine(
    [property: Id(0)] string Id,
    [property: Id(1)] string EncounterId,
    [property: Id(2)] string Mrn,
    [property: Id(3)] LedgerLineKind Kind,
    [property: Id(4)] string Code,
    [property: Id(5)] ChargeCategory? Category,
    [property: Id(6)] string? WardId,
    [property: Id(7)] decimal Amount,
    [property: Id(8)] DateTimeOffset EventAt,
    [property: Id(9)] DateTimeOffset PostedAt,
    [property: Id(10)] string? PayerId);

public enum LedgerLineKind
{
    Charge,
    Credit,
    Payment,
}

/// <summary>An account's totals as the reports read them (one row per account, replaced with each change).</summary>
[GenerateSerializer, Immutable, Alias("hospital.ledger-account")]
public sealed record LedgerAccount(
    [property: Id(0)] string EncounterId,
    [property: Id(1)] string Mrn,
    [property: Id(2)] string? PayerId,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DateTimeOffset? DischargedAt,
    [property: Id(5)] decimal Total,
    [property: Id(6)] decimal Paid,
    [property: Id(7)] decimal Balance,
    [property: Id(8)] int UnpricedCount,
    [property: Id(9)] DateTimeOffset UpdatedAt);

/// <summary>What an account change commits to the ledger tables with its state.</summary>
[GenerateSerializer, Immutable, Alias("hospital.ledger-change")]
public sealed record LedgerChange(
    [property: Id(0)] LedgerAccount Account,
    [property: Id(1)] IReadOnlyList<LedgerLine> Lines);

/// <summary>The billing tables of the project's own, for reports across accounts (written only inside account commits).</summary>
public interface IBillingLedger
{
    /// <summary>Applies a change outside a grain's transaction (storage without one: grain-logic tests).</summary>
    Task ApplyAsync(LedgerChange change, CancellationToken cancellationToken = default);

    /// <summary>Lines whose event was in [from, to), oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LedgerLine>> LinesAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken = default);

    /// <summary>Accounts, newest first; <paramref name="openBalanceOnly"/> keeps those with a balance other than zero.</summary>
    Task<IReadOnlyList<LedgerAccount>> AccountsAsync(bool openBalanceOnly, int limit, CancellationToken cancellationToken = default);
}
