using System.Text.Json;
using System.Text.Json.Serialization;
using Hospital.Contracts.Beds;

namespace Hospital.Contracts.Journal;

/// <summary>
/// Journal payloads are records of their own: written by the grain that owns the fact and read back (metrics,
/// history, reports) through the same type, never by property name. JSON is camelCase with enums as strings.
/// </summary>
public static class JournalEvents
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(object payload) => JsonSerializer.Serialize(payload, payload.GetType(), Json);

    public static T Read<T>(JournalEntry entry) =>
        JsonSerializer.Deserialize<T>(entry.Payload, Json) ?? throw new InvalidDataException($"Journal entry {entry.Sequence} has no payload.");
}

/// <summary>What happened to a bed.</summary>
public enum BedEventKind
{
    BedCreated,
    BedStatusChanged,
    BedBlockReasonChanged,
    BedReserved,
    BedReleased,
    BedReservationLapsed,
    BedReservationRepaired,
    BedOccupied,
    BedVacated,
    BedOccupantSwapped,
    BedReoccupied,
    BedExpectedDischargeChanged,
    BedNews2Changed,
}

/// <summary>A bed's change: from which status to which, who is in it now, and since when it had been in the old status.</summary>
public sealed record BedJournalEvent(
    string WardId,
    BedStatus? From,
    BedStatus To,
    string? Mrn,
    string? EncounterId,
    string? Reason,
    DateTimeOffset? StatusSince,
    long Version,
    string? Room = null,
    bool? IsolationCapable = null);

/// <summary>Admission, transfer and discharge events (FHIR Encounter lifecycle).</summary>
public enum AdtEventKind
{
    Admitted,
    Transferred,
    Discharged,
    AdmissionCancelled,
    TransferCancelled,
    DischargeCancelled,
    Swapped,
    ExpectedDischargeChanged,
}

/// <summary>An ADT event: where the encounter is now and, for a move, where it came from.</summary>
public sealed record AdtJournalEvent(
    string EncounterId,
    string BedId,
    string WardId,
    string? FromBedId,
    string? FromWardId,
    DateTimeOffset AdmittedAt,
    DateTimeOffset? DischargedAt,
    DateTimeOffset? RequestedAt = null,
    DateOnly? ExpectedDischarge = null);
