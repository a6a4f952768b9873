using System.Collections.Concurrent;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Interop;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;

namespace Hospital.Contracts.Changes;

/// <summary>
/// What a grain commits together with its next state write: journal lines, outbox rows to add, outbox rows it has
/// finished with (a workflow's resume job), the patient-index row it changes, the interface-log row of an HL7
/// message it answers and an account's ledger rows. All of it lands in the same transaction as the state, or none of it does.
/// </summary>
public sealed record StagedChange(
    IReadOnlyList<JournalAppend> Journal,
    IReadOnlyList<OutboxRow> Outbox,
    IReadOnlyList<string> Done,
    Patient? IndexedPatient = null,
    Hl7MessageRecord? Hl7Message = null,
    LedgerChange? Ledger = null)
{
    public bool IsEmpty => Journal.Count == 0 && Outbox.Count == 0 && Done.Count == 0 && IndexedPatient is null && Hl7Message is null && Ledger is null;
}

/// <summary>
/// Hands a grain's staged change to the storage that commits its state. A grain stages, then writes its state; the
/// storage takes the staged change for that grain inside the write. Grains run one turn at a time, so what is staged
/// under a grain id belongs to that grain's next write.
/// </summary>
public sealed class ChangeStage
{
    private readonly ConcurrentDictionary<GrainId, StagedChange> _staged = new();

    public void Stage(GrainId grain, StagedChange change) => _staged[grain] = change;

    /// <summary>The change staged for <paramref name="grain"/>, removed so that it is committed once.</summary>
    public StagedChange? Take(GrainId grain) => _staged.TryRemove(grain, out var change) ? change : null;
}
