namespace Hospital.Contracts.Billing.Claims;

/// <summary>A claim as lists show it (one row per claim, replaced by each newer version).</summary>
[GenerateSerializer, Immutable, Alias("hospital.claim-summary")]
public sealed record ClaimSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string EncounterId,
    [property: Id(2)] string Mrn,
    [property: Id(3)] string PayerId,
    [property: Id(4)] string CoverageId,
    [property: Id(5)] ClaimStatus Status,
    [property: Id(6)] int Submission,
    [property: Id(7)] string Currency,
    [property: Id(8)] decimal Total,
    [property: Id(9)] decimal Paid,
    [property: Id(10)] DateTimeOffset CreatedAt,
    [property: Id(11)] DateTimeOffset UpdatedAt,
    [property: Id(12)] long Version)
{
    public static ClaimSummary Of(Claim claim) => new(claim.Id, claim.EncounterId, claim.Mrn, claim.PayerId, claim.CoverageId, claim.Status,
        claim.Submission, claim.Currency, claim.Total, claim.Paid, claim.CreatedAt, claim.UpdatedAt, claim.Version);
}

[GenerateSerializer, Immutable, Alias("hospital.claim-query")]
public sealed record ClaimQuery(
    [property: Id(0)] ClaimStatus? Status = null,
    [property: Id(1)] string? PayerId = null,
    [property: Id(2)] string? EncounterId = null,
    [property: Id(3)] string? Mrn = null,
    [property: Id(4)] int Limit = ClaimQuery.MaxLimit)
{
    public const int MaxLimit = 1000;
}

/// <summary>
/// Every claim's summary (one grain, key 0), pushed by the claims as they change, so lists by status, payer, admission
/// or patient never visit the claims themselves.
/// </summary>
[Alias("hospital.IClaimRegisterGrain")]
public interface IClaimRegisterGrain : IGrainWithIntegerKey
{
    /// <summary>Keeps the summary unless a newer version of that claim is held already.</summary>
    [Alias("Apply")] Task Apply(ClaimSummary summary);

    /// <summary>Matching claims, newest first.</summary>
    [Alias("Query"), Orleans.Concurrency.ReadOnly] Task<IReadOnlyList<ClaimSummary>> Query(ClaimQuery query);
}

[GenerateSerializer, Alias("hospital.claim-register-state")]
public sealed record ClaimRegisterState
{
    [Id(0)] public IReadOnlyDictionary<string, ClaimSummary> Claims { get; init; } = new Dictionary<string, ClaimSummary>();
}
