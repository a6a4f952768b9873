using Hospital.Contracts.Billing;
using Hospital.Contracts.Changes;
using Hospital.Contracts.Interop;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;

namespace Hospital.Grains.Changes;

/// <summary>
/// What one grain change commits with the grain's new state, in the same transaction: journal lines, messages to
/// other grains, jobs for later, outbox rows it has finished with, the patient-index row it changes, the interface-log
/// row of an HL7 message it answers and an account's ledger rows.
/// </summary>
public sealed record Change
{
    public static readonly Change None = new();

    public IReadOnlyList<JournalAppend> Journal { get; init; } = [];

    /// <summary>Delivered right after the commit, before the grain's call returns; again by the sweeper if this process dies first.</summary>
    public IReadOnlyList<OutboxMessage> Send { get; init; } = [];

    /// <summary>
    /// Delivered right after the commit without holding the grain's turn (the call returns once the commit is durable);
    /// again by the sweeper if this process dies first. For messages to a grain that may at the same moment be waiting
    /// on this one (stock transfers between two bins both ways), where awaiting the delivery would deadlock.
    /// </summary>
    public IReadOnlyList<OutboxMessage> Post { get; init; } = [];

    /// <summary>Delivered by the sweeper only, once due, unless a later change of this grain lists it in <see cref="Done"/>.</summary>
    public IReadOnlyList<ScheduledMessage> Schedule { get; init; } = [];

    /// <summary>Ids of outbox rows (usually this grain's own scheduled jobs) that this change completes.</summary>
    public IReadOnlyList<string> Done { get; init; } = [];

    public Patient? Index { get; init; }

    /// <summary>The interface-log row of the HL7 message this change answers.</summary>
    public Hl7MessageRecord? Hl7Message { get; init; }

    /// <summary>An account's new ledger rows and totals, for the billing reports.</summary>
    public LedgerChange? Ledger { get; init; }
}

/// <summary>A message for the sweeper to deliver <see cref="After"/> the commit (process time, not hospital time).</summary>
public sealed record ScheduledMessage(OutboxMessage Message, TimeSpan After);
