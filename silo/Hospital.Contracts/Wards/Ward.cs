using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;

namespace Hospital.Contracts.Wards;

/// <summary>Which patients a ward admits by administrative sex.</summary>
public enum SexPolicy
{
    Mixed,
    Male,
    Female,
}

/// <summary>A ward's identity and admission rules, and where it sits (for grouping and filtering the hospital board).</summary>
/// <param name="Service">The clinical service the ward belongs to (e.g. "Surgery", "Medicine").</param>
/// <param name="Building">The building it is in.</param>
/// <param name="Floor">The floor, as the hospital names it ("2", "G", "Lower ground").</param>
[GenerateSerializer, Immutable, Alias("hospital.ward")]
public sealed record WardProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] SexPolicy SexPolicy,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string? Service = null,
    [property: Id(5)] string? Building = null,
    [property: Id(6)] string? Floor = null);

/// <summary>A ward with all its beds and its census.</summary>
[GenerateSerializer, Immutable, Alias("hospital.ward-board")]
public sealed record WardBoard(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] SexPolicy SexPolicy,
    [property: Id(3)] IReadOnlyList<Bed> Beds,
    [property: Id(4)] WardCensus Census);

public enum Priority
{
    Routine,
    Urgent,
    Emergency,
}

/// <summary>A patient waiting for a bed on this ward.</summary>
[GenerateSerializer, Immutable, Alias("hospital.pending-admission")]
public sealed record PendingAdmission(
    [property: Id(0)] string Id,
    [property: Id(1)] string WardId,
    [property: Id(2)] string Mrn,
    [property: Id(3)] string PatientInitials,
    [property: Id(4)] Priority Priority,
    [property: Id(5)] bool IsolationRequired,
    [property: Id(6)] DateOnly? ExpectedDischarge,
    [property: Id(7)] string? Note,
    [property: Id(8)] DateTimeOffset RequestedAt);

/// <summary>An admitted patient waiting to move to a bed on this ward.</summary>
[GenerateSerializer, Immutable, Alias("hospital.transfer-request")]
public sealed record TransferRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] string WardId,
    [property: Id(2)] string EncounterId,
    [property: Id(3)] string Mrn,
    [property: Id(4)] string FromBedId,
    [property: Id(5)] Priority Priority,
    [property: Id(6)] string? Reason,
    [property: Id(7)] DateTimeOffset RequestedAt,
    [property: Id(8)] string PatientInitials = "");
