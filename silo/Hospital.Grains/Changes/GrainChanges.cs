using Hospital.Contracts.Billing;
using Hospital.Contracts.Changes;
using Hospital.Contracts.Interop;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using System.Runtime.ExceptionServices;
using Hospital.Contracts.Errors;
using Orleans.Serialization;

namespace Hospital.Grains.Changes;

/// <summary>
/// The one way a grain changes: its new state, journal lines, outbox messages and index row are committed in one
/// transaction by the grain storage (which takes them from the <see cref="ChangeStage"/> inside the state write); then
/// the messages are delivered. A crash before the commit leaves nothing; after it, the sweeper delivers what the
/// sender could not. Receivers apply a message once, recognising repeats by id or by the versions it carries.
/// </summary>
public sealed class GrainChanges(
    ChangeStage stage,
    Serializer serializer,
    OutboxDelivery delivery,
    IJournal journal,
    IPatientIndex index,
    IEnumerable<IHl7MessageLog> hl7Logs,
    IEnumerable<IBillingLedger> ledgers,
    TimeProvider clock)
{
    /// <summary>How long the sweeper leaves a sent message to its sender before delivering it itself.</summary>
    public static readonly TimeSpan SenderGrace = TimeSpan.FromSeconds(10);

    /// <summary>How long a workflow's step may run before its resume job takes it up (the job goes when the step ends).</summary>
    public static readonly TimeSpan ResumeAfter = TimeSpan.FromSeconds(5);

    public Task CommitAsync<T>(IGrainBase grain, IPersistentState<T> state, Change change) =>
        CommitAsync(grain, change, state.WriteStateAsync);

    /// <summary>Clears the grain's state with the change (a forgotten intent, say).</summary>
    public Task ClearAsync<T>(IGrainBase grain, IPersistentState<T> state, Change change) =>
        CommitAsync(grain, change, state.ClearStateAsync);

    private async Task CommitAsync(IGrainBase grain, Change change, Func<Task> write)
    {
        var grainId = grain.GrainContext.GrainId;
        var now = clock.GetUtcNow();
        var rows = change.Send.Concat(change.Post).Select(m => Row(m, now + SenderGrace))
            .Concat(change.Schedule.Select(s => Row(s.Message, now + s.After)))
            .ToList();
        var staged = new StagedChange(change.Journal, rows, change.Done, change.Index, change.Hl7Message, change.Ledger);
        if (!staged.IsEmpty)
        {
            stage.Stage(grainId, staged);
        }

        try
        {
            await write();
        }
        catch (Exception e)
        {
            stage.Take(grainId);
            // The grain's state in memory is now ahead of storage (and of the outbox): a later change must not commit
            // it. The next call reads what was committed.
            grain.DeactivateOnIdle();
            if (e is OrleansException { InnerException: StorageUnavailableException unavailable })
            {
                // Orleans wraps a storage provider's error; the caller should see what the database said.
                ExceptionDispatchInfo.Throw(unavailable);
            }

            throw;
        }

        if (stage.Take(grainId) is { } untaken)
        {
            // Only storage without a transaction of its own leaves the change here: the in-memory storage of
            // grain-logic tests. Apply it after the state, as best it can be.
            await ApplySeparately(untaken);
        }

        if (change.Post.Count > 0)
        {
            // Off the grain's scheduler: the grain's turn ends now, the receiver is called as the sweeper would call it.
            _ = Task.Run(() => delivery.DeliverAsync(change.Post));
        }

        if (change.Send.Count > 0)
        {
            await delivery.DeliverAsync(change.Send);
        }
    }

    private async Task ApplySeparately(StagedChange change)
    {
        if (change.Journal.Count > 0)
        {
            await journal.AppendBatchAsync(change.Journal);
        }

        if (change.IndexedPatient is { } patient)
        {
            await index.UpsertAsync(patient);
        }

        if (change.Hl7Message is { } message)
        {
            foreach (var log in hl7Logs)
            {
                await log.AppendAsync(message);
            }
        }

        if (change.Ledger is { } ledger)
        {
            foreach (var store in ledgers)
            {
                await store.ApplyAsync(ledger);
            }
        }
    }

    private OutboxRow Row(OutboxMessage message, DateTimeOffset dueAt) =>
        new(message.MessageId, dueAt, serializer.SerializeToArray(message));

    public OutboxMessage Read(OutboxRow row) =>
        serializer.Deserialize<OutboxMessage>(row.Payload) ?? throw new InvalidDataException($"Outbox row '{row.Id}' holds no message.");
}
