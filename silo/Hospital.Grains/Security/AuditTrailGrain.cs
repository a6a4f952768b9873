using System.Text.Json;
using Hospital.Contracts.Common;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Security;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Hospital.Grains.Security;

/// <summary>
/// Chains audit records one after another. Records that arrive while a batch is being written wait for the next batch,
/// which is appended in one transaction: the chain stays strictly ordered without a disk sync per record. A record's
/// caller waits for its batch's append only; the head (count, last hash, last position) is saved right after, and a
/// signed checkpoint of it is published outside the database at most every <see cref="AuditOptions.CheckpointInterval"/>.
/// Each entry's hash is an HMAC under the audit key (README "Keys"), which the database never holds.
/// </summary>
[Reentrant]
public sealed partial class AuditTrailGrain(
    [PersistentState("audit-trail", HospitalStorage.Name)] IPersistentState<AuditTrailState> state,
    IJournal journal,
    PlatformKeys keys,
    AuditCheckpointFile checkpoints,
    Microsoft.Extensions.Options.IOptions<AuditOptions> options,
    TimeProvider clock,
    ILogger<AuditTrailGrain> logger) : Grain, IAuditTrailGrain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly List<(AuditRecord Record, TaskCompletionSource Done)> _pending = [];
    private Task? _writing;
    private DateTimeOffset _lastCheckpoint;
    private long _checkpointed = -1;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A crash after appending a batch but before saving the head: catch the head up with the journal, over entries
        // that verify only, so rows forged in the database are never taken as the head.
        var head = state.State;
        var done = false;
        while (!done)
        {
            var newer = await journal.QueryAsync(new JournalQuery(Kind: AuditChain.Kind, AfterSequence: head.HeadSequence, Limit: 1000), cancellationToken);
            done = newer.Count == 0;
            foreach (var entry in newer)
            {
                var stored = Stored(entry);
                if (stored.Previous != head.HeadHash || !Authentic(entry, stored, keyedSeen: true))
                {
                    ChainBroken(logger, entry.Sequence);
                    done = true;
                    break;
                }

                head = new AuditTrailState { Count = head.Count + 1, HeadSequence = entry.Sequence, HeadHash = stored.Hash };
            }
        }

        if (head != state.State)
        {
            state.State = head;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_writing is { } writing)
        {
            await writing.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Checkpoint(force: true);
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

    public async Task<AuditVerification> Verify(IReadOnlyList<AuditCheckpoint>? published = null)
    {
        var marks = new List<AuditCheckpoint>();
        foreach (var mark in checkpoints.ReadAll().Concat(published ?? []))
        {
            if (mark is null || keys.Audit.Mac(mark.KeyId, mark.SignedText) is not { } signature || signature != mark.Signature)
            {
                return new AuditVerification(false, 0, null, "A published checkpoint is not signed with the audit key: the checkpoint record was altered.", null);
            }

            marks.Add(mark);
        }

        marks.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        var walk = new ChainWalk(this, marks);
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
                if (walk.Step(entry) is { } broken)
                {
                    return broken with { Checkpoints = marks.Count };
                }

                lastSequence = entry.Sequence;
            }
        }

        return walk.End(state.State, lastSequence) with { Checkpoints = marks.Count };
    }

    /// <summary>Walks the chain in journal order, checking links, keys and the checkpoints it passes.</summary>
    private sealed class ChainWalk(AuditTrailGrain trail, List<AuditCheckpoint> marks)
    {
        private string _previous = AuditChain.Genesis;
        private long _count;
        private bool _keyedSeen;
        private int _mark;

        public AuditVerification? Step(JournalEntry entry)
        {
            var stored = Stored(entry);
            if (stored.Previous != _previous)
            {
                return Broken(entry, "The entry does not follow the one before it: an entry was removed, inserted or moved.");
            }

            if (!trail.Authentic(entry, stored, _keyedSeen))
            {
                return Broken(entry, stored.KeyId is null || trail.HasKey(stored.KeyId)
                    ? "The entry's content does not match its keyed hash: it was changed or forged."
                    : $"The entry is signed with audit key '{stored.KeyId}', which this process does not have.");
            }

            _keyedSeen |= stored.KeyId is not null;
            _previous = stored.Hash;
            _count++;
            while (_mark < marks.Count && marks[_mark].Sequence <= entry.Sequence)
            {
                var mark = marks[_mark++];
                if (mark.Sequence != entry.Sequence || mark.Hash != stored.Hash || mark.Count != _count)
                {
                    return Broken(entry, $"The chain differs from checkpoint {mark.Count} published at {mark.At:O}: entries up to it were removed or replaced.");
                }
            }

            return null;
        }

        public AuditVerification End(AuditTrailState head, long lastSequence)
        {
            if (_mark < marks.Count)
            {
                var mark = marks[^1];
                return new AuditVerification(false, _count, lastSequence,
                    $"The chain ends before checkpoint {mark.Count} (sequence {mark.Sequence}) published at {mark.At:O}: entries were cut off the end.", _previous);
            }

            if (_count < head.Count || (_count == head.Count && _previous != head.HeadHash))
            {
                return new AuditVerification(false, _count, lastSequence, $"The chain ends before its recorded head ({head.Count} entries): entries were removed from the end.", _previous);
            }

            return new AuditVerification(true, _count, null, null, _previous);
        }

        private AuditVerification Broken(JournalEntry entry, string problem) => new(false, _count, entry.Sequence, problem, null);
    }

    private bool HasKey(string id) => keys.Audit.Find(id) is not null;

    private bool Authentic(JournalEntry entry, StoredAudit stored, bool keyedSeen)
    {
        var text = AuditChain.Text(stored.Previous, entry.OccurredAt, entry.PatientId, entry.Actor, stored.Body);
        return stored.KeyId is null
            ? !keyedSeen && AuditChain.LegacyHash(stored.Previous, entry.OccurredAt, entry.PatientId, entry.Actor, stored.Body) == stored.Hash
            : keys.Audit.Mac(stored.KeyId, text) is { } mac && mac == stored.Hash;
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
            var ring = keys.Audit;
            foreach (var (record, _) in batch)
            {
                // Microseconds: what every store keeps exactly, so the hash recomputes the same after a round trip.
                var at = new DateTimeOffset(record.At.UtcTicks - record.At.UtcTicks % 10, TimeSpan.Zero);
                var body = JsonSerializer.Serialize(new AuditBody(record.Roles, record.Action, record.Outcome, record.Status, record.Mrns.Count, record.Detail), Json);
                IEnumerable<string?> patients = record.Mrns.Count == 0 ? [null] : record.Mrns.Cast<string?>();
                foreach (var mrn in patients)
                {
                    var hash = ring.Mac(ring.ActiveId, AuditChain.Text(head.HeadHash, at, mrn, record.Actor, body))!;
                    appends.Add(new JournalAppend(at, AuditChain.Kind, "audit", mrn, record.Actor,
                        JsonSerializer.Serialize(new StoredAudit(head.HeadHash, hash, body, ring.ActiveId), Json)));
                    head = head with { Count = head.Count + 1, HeadHash = hash };
                }
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

            Checkpoint(force: false);
        }
    }

    /// <summary>Publishes the head, signed, to the checkpoint file and the log (and with it to OTLP when exported).</summary>
    private void Checkpoint(bool force)
    {
        var head = state.State;
        var now = clock.GetUtcNow();
        if (head.Count == 0 || head.Count == _checkpointed || (!force && now - _lastCheckpoint < options.Value.CheckpointInterval))
        {
            return;
        }

        var ring = keys.Audit;
        var unsigned = new AuditCheckpoint(head.Count, head.HeadSequence, head.HeadHash, now, ring.ActiveId, "");
        var mark = unsigned with { Signature = ring.Mac(ring.ActiveId, unsigned.SignedText)! };
        try
        {
            checkpoints.Append(mark);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The log line below still publishes it.
            CheckpointFailed(logger, e, checkpoints.Path);
        }

        Checkpointed(logger, mark.Count, mark.Sequence, mark.Hash, mark.At, mark.KeyId, mark.Signature);
        (_lastCheckpoint, _checkpointed) = (now, head.Count);
    }

    private static StoredAudit Stored(JournalEntry entry)
    {
        try
        {
            return JsonSerializer.Deserialize<StoredAudit>(entry.Payload, Json) ?? new StoredAudit("", "", "", null);
        }
        catch (JsonException)
        {
            return new StoredAudit("", "", "", null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AuditCheckpoint count={Count} sequence={Sequence} hash={Hash} at={At:O} kid={KeyId} signature={Signature}")]
    private static partial void Checkpointed(ILogger logger, long count, long sequence, string hash, DateTimeOffset at, string keyId, string signature);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit checkpoint could not be written to {Path}")]
    private static partial void CheckpointFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The audit chain breaks at journal sequence {Sequence}: the entry does not verify under the audit key. Run GET /api/audit/verify.")]
    private static partial void ChainBroken(ILogger logger, long sequence);

    private sealed record AuditBody(IReadOnlyList<string> Roles, string Action, string Outcome, int Status, int Patients, string? Detail);

    private sealed record StoredAudit(string Previous, string Hash, string Body, [property: System.Text.Json.Serialization.JsonPropertyName("kid")] string? KeyId);
}
