namespace Hospital.Contracts.Admissions;

public enum EncounterStatus
{
    /// <summary>Admitted; the patient holds a bed.</summary>
    InProgress,
    /// <summary>Discharged.</summary>
    Finished,
    /// <summary>The admission was entered in error and undone.</summary>
    Cancelled,
}

/// <summary>A stay in one bed: <see cref="To"/> is null for the current bed.</summary>
[GenerateSerializer, Immutable, Alias("hospital.bed-stay")]
public sealed record BedStay(
    [property: Id(0)] string BedId,
    [property: Id(1)] string WardId,
    [property: Id(2)] DateTimeOffset From,
    [property: Id(3)] DateTimeOffset? To);

/// <summary>An admission (FHIR Encounter): who, where now, where before.</summary>
[GenerateSerializer, Immutable, Alias("hospital.encounter")]
public sealed record Encounter(
    [property: Id(0)] string EncounterId,
    [property: Id(1)] string Mrn,
    [property: Id(2)] string BedId,
    [property: Id(3)] string WardId,
    [property: Id(4)] EncounterStatus Status,
    [property: Id(5)] DateTimeOffset AdmittedAt,
    [property: Id(6)] DateTimeOffset? DischargedAt,
    [property: Id(7)] bool IsolationRequired,
    [property: Id(8)] DateOnly? ExpectedDischarge,
    [property: Id(9)] IReadOnlyList<BedStay> Locations,
    [property: Id(10)] long Version);

/// <summary>What an admission asks for.</summary>
/// <param name="RequestedAt">When the patient was queued for a bed, for time-to-bed.</param>
/// <param name="QueueRequest">The ward queue entry this admission places, closed when the admission completes.</param>
[GenerateSerializer, Immutable, Alias("hospital.admit-command")]
public sealed record AdmitCommand(
    [property: Id(0)] string Mrn,
    [property: Id(1)] string BedId,
    [property: Id(2)] bool IsolationRequired,
    [property: Id(3)] DateOnly? ExpectedDischarge,
    [property: Id(4)] DateTimeOffset? RequestedAt,
    [property: Id(5)] QueueEntry? QueueRequest = null);

/// <summary>An entry of a ward's admission or transfer queue.</summary>
[GenerateSerializer, Immutable, Alias("hospital.queue-entry")]
public sealed record QueueEntry([property: Id(0)] string WardId, [property: Id(1)] string RequestId);
