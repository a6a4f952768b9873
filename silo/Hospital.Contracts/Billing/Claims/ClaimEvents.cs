using Hospital.Contracts.Changes;

namespace Hospital.Contracts.Billing.Claims;

/// <summary>What happened to a payer or a patient's coverage.</summary>
public enum InsuranceEventKind
{
    PayerRegistered,
    CoverageAdded,
    CoverageEnded,
}

/// <summary>A payer as registered.</summary>
public sealed record PayerJournalEvent(Payer Payer);

/// <summary>A coverage as added or ended (an ending's reason is on it).</summary>
public sealed record CoverageJournalEvent(Coverage Coverage);

/// <summary>What happened to a claim (the kinds of its journal lines and history entries).</summary>
public enum ClaimEventKind
{
    ClaimCreated,
    ClaimSubmitted,
    ClaimAccepted,
    ClaimRejected,
    ClaimResubmitted,
    ClaimDenied,
    /// <summary>A remittance was posted: the claim became Paid, PartiallyPaid or Denied.</summary>
    ClaimRemitted,
}

/// <summary>A claim's change: from which status to which, the money, and why.</summary>
public sealed record ClaimJournalEvent(
    string ClaimId,
    string EncounterId,
    string PayerId,
    string CoverageId,
    ClaimStatus? From,
    ClaimStatus To,
    int Submission,
    decimal Total,
    decimal Paid,
    string? Reason,
    string? Reference,
    bool LinesRebuilt);

/// <summary>A claim's new version for the claim register.</summary>
[GenerateSerializer, Alias("hospital.claim-listed-message")]
public sealed record ClaimListedMessage([property: Id(0)] ClaimSummary Summary) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IClaimRegisterGrain>(0).Apply(Summary);
}

/// <summary>The payer an account is billed to (the patient's primary coverage's), told when a claim is made.</summary>
[GenerateSerializer, Alias("hospital.account-payer-message")]
public sealed record AccountPayerMessage([property: Id(0)] string EncounterId, [property: Id(1)] string PayerId) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IAccountGrain>(EncounterId).SetPayer(PayerId);
}
