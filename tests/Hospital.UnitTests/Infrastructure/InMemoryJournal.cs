using System.Collections.Concurrent;
using Hospital.Contracts.Journal;

namespace Hospital.UnitTests.Infrastructure;

/// <summary>Journal for grain-logic tests only; the real stores are tested in the functional tests.</summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();
    private long _sequence;

    public Task<long> AppendAsync(JournalAppend entry, CancellationToken cancellationToken = default)
    {
        var seq = Interlocked.Increment(ref _sequence);
        _entries.Enqueue(new JournalEntry(seq, entry.OccurredAt, DateTimeOffset.UtcNow, entry.Kind, entry.EntityId, entry.PatientId, entry.Actor, entry.Payload));
        return Task.FromResult(seq);
    }

    public async Task<IReadOnlyList<long>> AppendBatchAsync(IReadOnlyList<JournalAppend> entries, CancellationToken cancellationToken = default)
    {
        var sequences = new List<long>();
        foreach (var entry in entries)
        {
            sequences.Add(await AppendAsync(entry, cancellationToken));
        }

        return sequences;
    }

    public Task<IReadOnlyList<JournalEntry>> QueryAsync(JournalQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<JournalEntry>>(_entries
            .Where(e => query.EntityId is null || e.EntityId == query.EntityId)
            .Where(e => query.PatientId is null || e.PatientId == query.PatientId)
            .Where(e => query.Kind is null || e.Kind == query.Kind)
            .Where(e => query.ExcludeKind is null || e.Kind != query.ExcludeKind)
            .Take(query.Limit).ToList());
}
