using Hospital.Contracts.Admissions;

namespace Hospital.Contracts.Billing;

/// <summary>What posted a charge.</summary>
public enum ChargeSourceKind
{
    BedDay,
    Dose,
    Supply,
    Lab,
    Manual,
}

/// <summary>
/// One line of an account. A credit is a line of its own (negative quantity and amount) naming the line it reverses;
/// lines are never deleted or changed.
/// </summary>
/// <param name="Source">The event that posted it, unique per account: <c>bed-day:2026-12-04:W3A</c>, <c>dose:&lt;doseId&gt;</c>,
/// <c>supply:&lt;binId&gt;:&lt;version&gt;</c>, <c>lab:&lt;orderId&gt;</c>, <c>manual:&lt;n&gt;</c>; a credit's is <c>credit:&lt;line id&gt;...</c>.</param>
/// <param name="EventAt">When what is charged happened (the price is the one in force then).</param>
[GenerateSerializer, Immutable, Alias("hospital.charge-line")]
public sealed record ChargeLine(
    [property: Id(0)] string Id,
    [property: Id(1)] string Code,
    [property: Id(2)] string Description,
    [property: Id(3)] decimal Quantity,
    [property: Id(4)] decimal UnitPrice,
    [property: Id(5)] decimal Amount,
    [property: Id(6)] DateTimeOffset PostedAt,
    [property: Id(7)] string Source,
    [property: Id(8)] ChargeCategory Category,
    [property: Id(9)] DateTimeOffset EventAt,
    [property: Id(10)] string? WardId,
    [property: Id(11)] string? Reverses,
    [property: Id(12)] string? Reason,
    [property: Id(13)] string PostedBy);

public enum PaymentMethod
{
    Cash,
    Card,
    Insurer,
    BankTransfer,
    Cheque,
}

[GenerateSerializer, Immutable, Alias("hospital.payment-line")]
public sealed record PaymentLine(
    [property: Id(0)] string Id,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] PaymentMethod Method,
    [property: Id(3)] string? Reference,
    [property: Id(4)] DateTimeOffset ReceivedAt,
    [property: Id(5)] string PostedBy,
    [property: Id(6)] string? ClaimId,
    [property: Id(7)] string? PayerId);

/// <summary>An event that could not be priced: its code is not in the charge master. Priced once the code is.</summary>
[GenerateSerializer, Immutable, Alias("hospital.unpriced-charge")]
public sealed record UnpricedCharge(
    [property: Id(0)] string Source,
    [property: Id(1)] string Code,
    [property: Id(2)] decimal Quantity,
    [property: Id(3)] DateTimeOffset EventAt,
    [property: Id(4)] ChargeSourceKind Kind,
    [property: Id(5)] string? WardId);

/// <summary>An admission's account: its charges (credits included), payments and balance.</summary>
[GenerateSerializer, Immutable, Alias("hospital.account")]
public sealed record Account(
    [property: Id(0)] string EncounterId,
    [property: Id(1)] string Mrn,
    [property: Id(2)] string Currency,
    [property: Id(3)] IReadOnlyList<ChargeLine> Charges,
    [property: Id(4)] IReadOnlyList<PaymentLine> Payments,
    [property: Id(5)] decimal Total,
    [property: Id(6)] decimal Paid,
    [property: Id(7)] decimal Balance,
    [property: Id(8)] IReadOnlyList<UnpricedCharge> Unpriced,
    [property: Id(9)] string? PayerId,
    [property: Id(10)] DateTimeOffset? OpenedAt,
    [property: Id(11)] DateTimeOffset? DischargedAt,
    [property: Id(12)] long Version);

/// <summary>A chargeable event, as its source grain commits it.</summary>
/// <param name="Source">Unique per account for the event (see <see cref="ChargeLine.Source"/>).</param>
[GenerateSerializer, Immutable, Alias("hospital.charge-capture")]
public sealed record ChargeCapture(
    [property: Id(0)] string Source,
    [property: Id(1)] ChargeSourceKind Kind,
    [property: Id(2)] string Code,
    [property: Id(3)] decimal Quantity,
    [property: Id(4)] DateTimeOffset EventAt,
    [property: Id(5)] string Mrn,
    [property: Id(6)] string? WardId = null);

[GenerateSerializer, Immutable, Alias("hospital.manual-charge")]
public sealed record ManualCharge(
    [property: Id(0)] string Code,
    [property: Id(1)] decimal Quantity,
    [property: Id(2)] string? Reason);

[GenerateSerializer, Immutable, Alias("hospital.payment-command")]
public sealed record PaymentCommand(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] PaymentMethod Method,
    [property: Id(2)] string? Reference,
    [property: Id(3)] string? ClaimId = null,
    [property: Id(4)] string? PayerId = null,
    [property: Id(5)] string? PaymentId = null);

/// <summary>
/// An admission's account (key: encounter id). It applies each chargeable event once by its source, posts a bed-day for
/// each midnight the patient occupied a bed (catching up midnights missed while the system was down), reverses with
/// credit lines what was undone, and commits each change with its ledger rows for the reports.
/// </summary>
[Alias("hospital.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>The account (bed-days due by now posted first); null when the encounter has none.</summary>
    [Alias("Get")] Task<Account?> Get();

    /// <summary>Posts the event's charge unless its source was seen already.</summary>
    [Alias("Capture")] Task Capture(ChargeCapture capture);

    /// <summary>Credits the line posted from <paramref name="source"/>; a source not posted yet will never be.</summary>
    [Alias("Reverse")] Task Reverse(string source, string reason, DateTimeOffset at);

    /// <summary>The admission as it is now (newer versions only): bed-days follow its bed stays.</summary>
    [Alias("StayChanged")] Task StayChanged(Encounter encounter);

    [Alias("PostCharge")] Task<ChargeLine> PostCharge(ManualCharge charge);

    /// <summary>Credits a line (all of it, or <paramref name="quantity"/> of it) with a reason.</summary>
    [Alias("Credit")] Task<ChargeLine> Credit(string chargeId, decimal? quantity, string reason);

    /// <summary>Records a payment; one with a <see cref="PaymentCommand.PaymentId"/> already recorded is not recorded again.</summary>
    [Alias("PostPayment")] Task<PaymentLine> PostPayment(PaymentCommand payment);

    /// <summary>The payer the account is billed to (the patient's primary coverage), for the reports.</summary>
    [Alias("SetPayer")] Task SetPayer(string? payerId);

    /// <summary>Posts the bed-days due by now (the reminder's tick).</summary>
    [Alias("CatchUp")] Task CatchUp();
}

[GenerateSerializer, Alias("hospital.account-state")]
public sealed record AccountState
{
    [Id(0)] public Account? Account { get; init; }

    [Id(1)] public Encounter? Encounter { get; init; }

    /// <summary>Every source applied (posted, reversed, or reversed before it arrived).</summary>
    [Id(2)] public IReadOnlyList<string> Sources { get; init; } = [];

    [Id(3)] public int LinesPosted { get; init; }

    [Id(4)] public bool Reminder { get; init; }

    [Id(5)] public IReadOnlyList<string> Payments { get; init; } = [];
}
