using Hospital.Contracts.Common;
using Hospital.Contracts.Journal;

namespace Hospital.Grains.Journal;

internal static class JournalExtensions
{
    /// <summary>A journal line done by the current actor, to commit with a grain's change.</summary>
    public static JournalAppend Line(string kind, string entityId, string? patientId, object payload, DateTimeOffset occurredAt) =>
        new(occurredAt, kind, entityId, patientId, Actor.Current, JournalEvents.Serialize(payload));

    /// <summary>Appends a fact done by the current actor on its own; completes once it is durable.</summary>
    public static Task<long> RecordAsync(this IJournal journal, string kind, string entityId, string? patientId, object payload, DateTimeOffset? occurredAt = null) =>
        journal.AppendAsync(Line(kind, entityId, patientId, payload, occurredAt ?? DateTimeOffset.UtcNow));
}
