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
    bool? IsolationCapable = null,
    DateTimeOffset? ReservedUntil = null);

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
    PatientMerged,
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

/// <summary>The census every few minutes, for occupancy trends (kind <c>CensusSnapshot</c>, entity <c>hospital</c>).</summary>
public sealed record CensusSnapshotEvent(int Total, int Occupied, int Blocked, IReadOnlyList<WardSnapshot> Wards)
{
    public const string Kind = "CensusSnapshot";
    public const string Entity = "hospital";
}

/// <summary>One ward's counts in a snapshot, stored compactly as <c>[id, total, occupied, blocked]</c>.</summary>
[JsonConverter(typeof(WardSnapshotJson))]
public sealed record WardSnapshot(string WardId, int Total, int Occupied, int Blocked);

internal sealed class WardSnapshotJson : JsonConverter<WardSnapshot>
{
    public override WardSnapshot Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var values = JsonSerializer.Deserialize<JsonElement[]>(ref reader, options) ?? [];
        return values.Length == 4
            ? new WardSnapshot(values[0].GetString()!, values[1].GetInt32(), values[2].GetInt32(), values[3].GetInt32())
            : throw new JsonException("A ward snapshot is [id, total, occupied, blocked].");
    }

    public override void Write(Utf8JsonWriter writer, WardSnapshot value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.WardId);
        writer.WriteNumberValue(value.Total);
        writer.WriteNumberValue(value.Occupied);
        writer.WriteNumberValue(value.Blocked);
        writer.WriteEndArray();
    }
}
