namespace Hospital.Contracts.Billing.Claims;

/// <summary>
/// Where a claim is. Draft -> Submitted -> Accepted | Rejected; Rejected -> Submitted (resubmitted); Accepted -> Paid |
/// PartiallyPaid | Denied (by its remittance, or Denied outright). Paid, PartiallyPaid and Denied are final.
/// </summary>
public enum ClaimStatus
{
    Draft,
    Submitted,
    Accepted,
    Rejected,
    Paid,
    PartiallyPaid,
    Denied,
}

/// <summary>One line of a claim: a charge code's net quantity and amount on the account (credits netted out).</summary>
/// <param name="UnitPrice">The code's price; when it changed during the stay, the net amount over the net quantity.</param>
[GenerateSerializer, Immutable, Alias("hospital.claim-line")]
public sealed record ClaimLine(
    [property: Id(0)] int Sequence,
    [property: Id(1)] string Code,
    [property: Id(2)] string Description,
    [property: Id(3)] ChargeCategory Category,
    [property: Id(4)] decimal Quantity,
    [property: Id(5)] decimal UnitPrice,
    [property: Id(6)] decimal Amount);

/// <summary>What the payer did with one line: paid + adjusted + patientResponsibility is the line's amount.</summary>
[GenerateSerializer, Immutable, Alias("hospital.remittance-line")]
public sealed record RemittanceLine(
    [property: Id(0)] int Line,
    [property: Id(1)] decimal Paid,
    [property: Id(2)] decimal Adjusted,
    [property: Id(3)] decimal PatientResponsibility);

[GenerateSerializer, Immutable, Alias("hospital.remittance-spec")]
public sealed record RemittanceSpec(
    [property: Id(0)] string Reference,
    [property: Id(1)] IReadOnlyList<RemittanceLine> Lines);

/// <summary>A payer's remittance advice for a claim, as posted; its paid total went to the account as one insurer payment.</summary>
[GenerateSerializer, Immutable, Alias("hospital.remittance")]
public sealed record Remittance(
    [property: Id(0)] string Reference,
    [property: Id(1)] IReadOnlyList<RemittanceLine> Lines,
    [property: Id(2)] decimal Paid,
    [property: Id(3)] decimal Adjusted,
    [property: Id(4)] decimal PatientResponsibility,
    [property: Id(5)] DateTimeOffset ReceivedAt,
    [property: Id(6)] string PostedBy,
    [property: Id(7)] string? PaymentId);

/// <summary>One change of a claim: what, who, when, why.</summary>
[GenerateSerializer, Immutable, Alias("hospital.claim-history-entry")]
public sealed record ClaimHistoryEntry(
    [property: Id(0)] ClaimEventKind Event,
    [property: Id(1)] ClaimStatus? From,
    [property: Id(2)] ClaimStatus To,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string By,
    [property: Id(5)] int Submission,
    [property: Id(6)] string? Reason = null,
    [property: Id(7)] string? Reference = null,
    [property: Id(8)] bool LinesRebuilt = false);

/// <summary>A claim for one admission's account under one coverage.</summary>
/// <param name="Submission">0 while Draft; 1 once submitted, one more with each resubmission.</param>
/// <param name="AccountVersion">The account version the lines were built from.</param>
[GenerateSerializer, Immutable, Alias("hospital.claim")]
public sealed record Claim(
    [property: Id(0)] string Id,
    [property: Id(1)] string EncounterId,
    [property: Id(2)] string Mrn,
    [property: Id(3)] string PayerId,
    [property: Id(4)] string CoverageId,
    [property: Id(5)] string MemberId,
    [property: Id(6)] string Plan,
    [property: Id(7)] string Currency,
    [property: Id(8)] ClaimStatus Status,
    [property: Id(9)] int Submission,
    [property: Id(10)] IReadOnlyList<ClaimLine> Lines,
    [property: Id(11)] decimal Total,
    [property: Id(12)] decimal Paid,
    [property: Id(13)] Remittance? Remittance,
    [property: Id(14)] DateTimeOffset? ServiceFrom,
    [property: Id(15)] DateTimeOffset? ServiceTo,
    [property: Id(16)] DateTimeOffset CreatedAt,
    [property: Id(17)] DateTimeOffset UpdatedAt,
    [property: Id(18)] IReadOnlyList<ClaimHistoryEntry> History,
    [property: Id(19)] long Version,
    [property: Id(20)] long AccountVersion);

/// <summary>What a new claim is for: an admission's account under one of the patient's coverages.</summary>
[GenerateSerializer, Immutable, Alias("hospital.claim-opening")]
public sealed record ClaimOpening([property: Id(0)] string EncounterId, [property: Id(1)] string CoverageId);

/// <summary>
/// One claim (key: <see cref="ClaimIds.For"/> of its admission and coverage, so an admission is claimed once per
/// coverage). It owns its lifecycle; each change commits the claim, its journal line, its row in the claim register
/// and (a remittance) the insurer's payment to the account, in one transaction.
/// </summary>
[Alias("hospital.IClaimGrain")]
public interface IClaimGrain : IGrainWithStringKey
{
    /// <summary>A Draft built from the account (404 no account, 409 nothing to claim or claimed already).</summary>
    [Alias("Create")] Task<Claim> Create(ClaimOpening opening);

    [Alias("Get"), Orleans.Concurrency.ReadOnly] Task<Claim?> Get();

    /// <summary>Draft -> Submitted, with the lines rebuilt from the account as it is now.</summary>
    [Alias("Submit")] Task<Claim> Submit();

    [Alias("Accept")] Task<Claim> Accept();

    [Alias("Reject")] Task<Claim> Reject(string reason);

    /// <summary>Rejected -> Submitted, the next submission, with the lines rebuilt from the account.</summary>
    [Alias("Resubmit")] Task<Claim> Resubmit(string? reason);

    /// <summary>Accepted -> Denied without a remittance.</summary>
    [Alias("Deny")] Task<Claim> Deny(string reason);

    /// <summary>
    /// Accepted -> Paid | PartiallyPaid | Denied by what the payer paid; the paid total is posted to the account once.
    /// The same remittance again (reference and lines) is a no-op.
    /// </summary>
    [Alias("Remit")] Task<Claim> Remit(RemittanceSpec remittance);
}

[GenerateSerializer, Alias("hospital.claim-state")]
public sealed record ClaimState
{
    [Id(0)] public Claim? Claim { get; init; }
}

public static class ClaimIds
{
    /// <summary>The claim of an admission under a coverage: <c>CLM</c> and 16 hex digits of both ids.</summary>
    public static string For(string encounterId, string coverageId) =>
        "CLM" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(encounterId + "\n" + coverageId)))[..16];
}
