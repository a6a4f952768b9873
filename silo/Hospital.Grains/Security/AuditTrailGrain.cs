using System.Text.Json;
using Hospital.Contracts.Common;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Security;
using Orleans.Concurrency;

namespace Hospital.Grains.Security;

/// <summary>
/// Chains audit records one after another. Records that arrive while a batch is being written wait for the next batch,
/// which is appended in one transaction: the chain stays strictly ordered without a disk sync per record. A record's
/// caller waits for its batch's append only; the head (count, last hash, last position) is saved right after, before
/// the next batch.
/// </summary>
[Reentrant]
public sealed class AuditTrailGrain(
    [PersistentState("audit-trail", HospitalStorage.Name)] IPersistentState<AuditTrailState> state,
    IJournal journal) : Grain, IAuditTrailGrain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<(AuditRecord Record, TaskCompletionSource Done)> _pending = [];
    private Task? _writing;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A crash after appending a batch but before saving the head: catch the head up with the journal.
        var head = state.State;
        while (true)
        {
            var newer = await journal.QueryAsync(new JournalQuery(Kind: AuditChain.Kind, AfterSequence: head.HeadSequence, Limit: 1000), cancellationToken);
            if (newer.Count == 0)
            {
                break;
            }

            foreach (var entry in newer)
            {
                head = new AuditTrailState { Count = head.Count + 1, HeadSequence = entry.Sequence, HeadHash = Stored(entry).Hash };
            }
        }

        if (head != state.State)
        {
            state.State = head;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task Record(AuditRecord record)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((record, done));
        if (_writing is null || _writing.IsCompleted)
        {
            _writing = WriteBatches();
        }

        return done.Task;
    }

    public async Task<AuditVerification> Verify()
    {
        var previous = AuditChain.Genesis;
        long count = 0;
        long lastSequence = 0;
        while (true)
        {
            var entries = await journal.QueryAsync(new JournalQuery(Kind: AuditChain.Kind, AfterSequence: lastSequence, Limit: 1000));
            if (entries.Count == 0)
            {
                break;
            }

            foreach (var entry in entries)
            {
                var stored = Stored(entry);
                if (stored.Previous != previous)
                {
                    return new AuditVerification(false, count, entry.Sequence, "The entry does not follow the one before it: an entry was removed or inserted.", null);
                }

                if (AuditChain.Hash(previous, entry.OccurredAt, entry.PatientId, entry.Actor, stored.Body) != stored.Hash)
                {
                    return new AuditVerification(false, count, entry.Sequence, "The entry's content does not match its hash: it was changed.", null);
                }

                previous = stored.Hash;
                lastSequence = entry.Sequence;
                count++;
            }
        }

        if (count < state.State.Count || previous != state.State.HeadHash)
        {
            return new AuditVerification(false, count, lastSequence, $"The chain ends before its recorded head ({state.State.Count} entries): entries were removed from the end.", previous);
        }

        return new AuditVerification(true, count, null, null, previous);
    }

    private async Task WriteBatches()
    {
        await Task.Yield();
        while (_pending.Count > 0)
        {
            var batch = _pending.ToList();
            _pending.Clear();
            var head = state.State;
            var appends = new List<JournalAppend>(batch.Count);
            foreach (var (record, _) in batch)
            {
                // Microseconds: what every store keeps exactly, so the hash recomputes the same after a round trip.
                var at = new DateTimeOffset(record.At.UtcTicks - record.At.UtcTicks % 10, TimeSpan.Zero);
                var body = JsonSerializer.Serialize(new { roles = record.Roles, action = record.Action, outcome = record.Outcome, status = record.Status }, Json);
                var hash = AuditChain.Hash(head.HeadHash, at, record.Mrn, record.Actor, body);
                appends.Add(new JournalAppend(at, AuditChain.Kind, "audit", record.Mrn, record.Actor,
                    JsonSerializer.Serialize(new StoredAudit(head.HeadHash, hash, body), Json)));
                head = head with { Count = head.Count + 1, HeadHash = hash };
            }

            IReadOnlyList<long> sequences;
            try
            {
                sequences = await journal.AppendBatchAsync(appends);
            }
            catch (Exception e)
            {
                batch.ForEach(b => b.Done.TrySetException(e));
                continue;
            }

            // The records are durable: their callers go on. The head follows before the next batch is written; if the
            // process dies first, activation catches the head up from the journal.
            batch.ForEach(b => b.Done.TrySetResult());
            state.State = head with { HeadSequence = sequences[^1] };
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // The head is behind the journal until the next batch writes it or activation catches it up.
            }
        }
    }

    private static StoredAudit Stored(JournalEntry entry) =>
        JsonSerializer.Deserialize<StoredAudit>(entry.Payload, Json) ?? new StoredAudit("", "", "");

    private sealed record StoredAudit(string Previous, string Hash, string Body);
}
