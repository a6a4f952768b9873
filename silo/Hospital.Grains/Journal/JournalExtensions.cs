using System.Text.Json;
using Hospital.Contracts.Common;
using Hospital.Contracts.Journal;

namespace Hospital.Grains.Journal;

internal static class JournalExtensions
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Appends a fact done by the current actor; completes once it is durable.</summary>
    public static Task<long> RecordAsync(this IJournal journal, string kind, string entityId, string? patientId, object payload, DateTimeOffset? occurredAt = null) =>
        journal.AppendAsync(new JournalAppend(
            occurredAt ?? DateTimeOffset.UtcNow, kind, entityId, patientId, Actor.Current,
            JsonSerializer.Serialize(payload, PayloadJson)));
}
