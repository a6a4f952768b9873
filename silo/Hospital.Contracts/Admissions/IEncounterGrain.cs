using Hospital.Contracts.Beds;
using Hospital.Contracts.Patients;

namespace Hospital.Contracts.Admissions;

[GenerateSerializer, Alias("hospital.encounter-state")]
public sealed record EncounterState
{
    [Id(0)] public Encounter? Encounter { get; init; }
    /// <summary>The workflow under way, committed before its first bed is touched, so a crash part-way is resumed.</summary>
    [Id(1)] public PendingStep? Pending { get; init; }
    [Id(2)] public string PatientInitials { get; init; } = "";
    [Id(3)] public Sex Sex { get; init; }
    /// <summary>Ids of the latest steps completed, so a retried request gets its first answer instead of a second run.</summary>
    [Id(4)] public IReadOnlyList<string> CompletedSteps { get; init; } = [];
}

public enum StepKind
{
    Admit,
    Transfer,
    Discharge,
    CancelAdmission,
    CancelTransfer,
    CancelDischarge,
    /// <summary>Held by a swap: the swap's own workflow moves the beds and completes or abandons it.</summary>
    Swap,
    /// <summary>The admission passes to another patient record (HL7 A40 merge): same bed, the surviving MRN.</summary>
    ChangePatient,
}

/// <summary>An ADT step under way: what it was asked, which bed it moves the patient to, and when it began.</summary>
/// <param name="StepId">Keys the step's effects and its resume job; derived from the client operation when it has one.</param>
/// <param name="BedId">The bed the step moves the patient into (or, for a discharge or cancel, the bed it frees).</param>
[GenerateSerializer, Immutable, Alias("hospital.pending-step")]
public sealed record PendingStep(
    [property: Id(0)] StepKind Kind,
    [property: Id(1)] string BedId,
    [property: Id(2)] AdmitCommand? Command = null,
    [property: Id(3)] string StepId = "",
    [property: Id(4)] DateTimeOffset StartedAt = default,
    [property: Id(5)] QueueEntry? QueueRequest = null,
    [property: Id(6)] Patient? NewPatient = null);

/// <summary>
/// One admission, keyed by encounter id, and the owner of every workflow that moves its patient between beds: admit,
/// transfer, discharge and their cancels. Each commits its intent (with a resume job) before touching a bed, takes the
/// new bed before releasing the old, and commits the outcome with its journal line in one transaction; a crash part-way
/// is finished or undone by the resume job within seconds of a restart.
/// </summary>
[Alias("hospital.IEncounterGrain")]
public interface IEncounterGrain : IGrainWithStringKey
{
    /// <summary>Called by the patient grain once it has recorded this encounter as current: occupies the bed or fails changing nothing.</summary>
    [Alias("Admit")] Task<Encounter> Admit(AdmitCommand command, Patient patient);

    [Alias("Get"), Orleans.Concurrency.AlwaysInterleave] Task<Encounter?> Get();

    /// <summary>Moves the patient; with <paramref name="queueRequest"/>, closes that transfer request when done.</summary>
    [Alias("Transfer")] Task<Encounter> Transfer(string bedId, QueueEntry? queueRequest = null);

    [Alias("Discharge")] Task<Encounter> Discharge();

    [Alias("CancelAdmission")] Task<Encounter> CancelAdmission();

    [Alias("CancelTransfer")] Task<Encounter> CancelTransfer();

    /// <summary>Undoes the discharge: the admission resumes in <paramref name="bedId"/>, or in its last bed when null.</summary>
    [Alias("CancelDischarge")] Task<Encounter> CancelDischarge(string? bedId = null);

    /// <summary>The admission now belongs to <paramref name="survivor"/> (a merge of patient records): same bed, their MRN.</summary>
    [Alias("ChangePatient")] Task<Encounter> ChangePatient(Patient survivor);

    [Alias("SetExpectedDischarge")] Task<Encounter> SetExpectedDischarge(DateOnly? date);

    /// <summary>
    /// Exchanges beds with another in-progress encounter, through the swap workflow of the pair (interleaved: this grain
    /// takes part in that workflow, so it must not hold its turn while waiting for it).
    /// </summary>
    [Alias("SwapWith"), Orleans.Concurrency.AlwaysInterleave] Task<Encounter> SwapWith(string otherEncounterId);

    /// <summary>Finishes or undoes an interrupted step (the resume job).</summary>
    [Alias("Resume")] Task Resume();

    /// <summary>A swap holds this encounter: no other step may start until it completes or abandons it.</summary>
    [Alias("HoldForSwap")] Task<Encounter> HoldForSwap(string swapId);

    /// <summary>The swap moved this encounter into <paramref name="bed"/>.</summary>
    [Alias("CompleteSwap")] Task<Encounter> CompleteSwap(string swapId, Bed bed);

    /// <summary>The swap did not happen; the hold is released.</summary>
    [Alias("AbandonSwap")] Task AbandonSwap(string swapId);
}

/// <summary>
/// The swap of two encounters' beds, keyed by the pair (lower id first), so that opposite swaps of the same pair run one
/// after the other instead of waiting on each other. It holds both encounters (in key order), swaps the occupants of the
/// two beds, and completes both encounters; a crash part-way is finished or undone by its resume job.
/// </summary>
[Alias("hospital.ISwapGrain")]
public interface ISwapGrain : IGrainWithStringKey
{
    [Alias("Swap")] Task<Encounter> Swap(string initiatorEncounterId, string otherEncounterId);

    [Alias("Resume")] Task Resume();
}

[GenerateSerializer, Alias("hospital.swap-state")]
public sealed record SwapState
{
    [Id(0)] public PendingSwap? Pending { get; init; }
    [Id(1)] public IReadOnlyList<string> CompletedSwaps { get; init; } = [];
}

/// <summary>A swap under way: who asked, with whom, and the beds each was in when held.</summary>
[GenerateSerializer, Immutable, Alias("hospital.pending-swap")]
public sealed record PendingSwap(
    [property: Id(0)] string SwapId,
    [property: Id(1)] string InitiatorId,
    [property: Id(2)] string OtherId,
    [property: Id(3)] string? InitiatorBedId = null,
    [property: Id(4)] string? OtherBedId = null);

public static class SwapKeys
{
    public static string For(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? $"{a}|{b}" : $"{b}|{a}";
}
