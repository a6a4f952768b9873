namespace Hospital.Contracts.Billing.Claims;

/// <summary>
/// A patient's insurance with one payer. It covers the dates from <see cref="ValidFrom"/> to <see cref="ValidTo"/>
/// (open-ended when unset); ended, it covers nothing after the day it was ended. Among the coverages in force on a date,
/// the lowest <see cref="Priority"/> is the primary one.
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.coverage")]
public sealed record Coverage(
    [property: Id(0)] string Id,
    [property: Id(1)] string Mrn,
    [property: Id(2)] string PayerId,
    [property: Id(3)] string MemberId,
    [property: Id(4)] string Plan,
    [property: Id(5)] int Priority,
    [property: Id(6)] DateOnly? ValidFrom,
    [property: Id(7)] DateOnly? ValidTo,
    [property: Id(8)] CoverageStatus Status,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] string CreatedBy,
    [property: Id(11)] DateOnly? EndedOn = null,
    [property: Id(12)] string? EndReason = null,
    [property: Id(13)] string? EndedBy = null)
{
    /// <summary>The last day covered: the earlier of <see cref="ValidTo"/> and the day it was ended.</summary>
    public DateOnly? LastDay => (ValidTo, EndedOn) switch
    {
        ({ } to, { } ended) => to < ended ? to : ended,
        ({ } to, null) => to,
        (null, var ended) => ended,
    };

    public bool CoversOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (LastDay is null || day <= LastDay);
}

public enum CoverageStatus
{
    Active,
    Ended,
}

[GenerateSerializer, Immutable, Alias("hospital.coverage-spec")]
public sealed record CoverageSpec(
    [property: Id(0)] string PayerId,
    [property: Id(1)] string MemberId,
    [property: Id(2)] string Plan,
    [property: Id(3)] int Priority,
    [property: Id(4)] DateOnly? ValidFrom,
    [property: Id(5)] DateOnly? ValidTo);

public static class CoverageRules
{
    public const int MinPriority = 1;
    public const int MaxPriority = 9;
}

/// <summary>The coverage a claim is made under, and the primary coverage then (the account's payer).</summary>
[GenerateSerializer, Immutable, Alias("hospital.coverage-choice")]
public sealed record CoverageChoice([property: Id(0)] Coverage Coverage, [property: Id(1)] Coverage? Primary);

/// <summary>A patient's coverages (key: MRN).</summary>
[Alias("hospital.ICoverageGrain")]
public interface ICoverageGrain : IGrainWithStringKey
{
    /// <summary>Adds a coverage (404 unknown payer; 409 when an active one of the same priority covers any of its dates).</summary>
    [Alias("Add")] Task<Coverage> Add(CoverageSpec spec);

    /// <summary>Every coverage, active first, then by priority.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly] Task<IReadOnlyList<Coverage>> List();

    /// <summary>Ends a coverage today (it still covers dates up to today); ending an ended one is 409.</summary>
    [Alias("End")] Task<Coverage> End(string coverageId, string reason);

    /// <summary>
    /// The coverage to claim care given at <paramref name="at"/> (default: now) under: <paramref name="coverageId"/> (404 unknown, 409
    /// when it does not cover that day), or the primary coverage then (409 when there is none).
    /// </summary>
    [Alias("Choose"), Orleans.Concurrency.ReadOnly] Task<CoverageChoice> Choose(string? coverageId, DateTimeOffset? at);
}

[GenerateSerializer, Alias("hospital.coverage-state")]
public sealed record CoverageState
{
    [Id(0)] public IReadOnlyList<Coverage> Coverages { get; init; } = [];
}
