namespace Hospital.Contracts.Admissions;

[GenerateSerializer, Alias("hospital.encounter-state")]
public sealed record EncounterState
{
    [Id(0)] public Encounter? Encounter { get; init; }
    /// <summary>A step that touches beds, written before it starts, so a crash part-way is settled on activation.</summary>
    [Id(1)] public PendingStep? Pending { get; init; }
    [Id(2)] public string PatientInitials { get; init; } = "";
    [Id(3)] public Patients.Sex Sex { get; init; }
}

public enum StepKind
{
    Admit,
    Transfer,
    Discharge,
}

/// <summary>An ADT step under way: what it was asked and which bed it is moving the patient to.</summary>
[GenerateSerializer, Immutable, Alias("hospital.pending-step")]
public sealed record PendingStep(
    [property: Id(0)] StepKind Kind,
    [property: Id(1)] string BedId,
    [property: Id(2)] AdmitCommand? Command = null);

/// <summary>
/// One admission, keyed by encounter id. It moves its patient between beds: the new bed is taken before the old one is
/// released, so a patient is never left without a bed.
/// </summary>
[Alias("hospital.IEncounterGrain")]
public interface IEncounterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Called by the patient grain while it records the encounter id: checks the bed exists and records the intent to
    /// admit, touching no bed. An encounter that is already admitted ignores it.
    /// </summary>
    [Alias("Prepare")] Task Prepare(AdmitCommand command, Patients.Patient patient);

    /// <summary>Called by the patient grain after <see cref="Prepare"/>: occupies the bed or fails changing nothing.</summary>
    [Alias("StartPrepared")] Task<Encounter> Start();

    [Alias("Get"), Orleans.Concurrency.AlwaysInterleave] Task<Encounter?> Get();

    [Alias("Transfer")] Task<Encounter> Transfer(string bedId);

    [Alias("Discharge")] Task<Encounter> Discharge();

    [Alias("CancelAdmission")] Task<Encounter> CancelAdmission();

    [Alias("CancelTransfer")] Task<Encounter> CancelTransfer();

    [Alias("CancelDischarge")] Task<Encounter> CancelDischarge();

    [Alias("SetExpectedDischarge")] Task<Encounter> SetExpectedDischarge(DateOnly? date);

    /// <summary>Exchanges beds with another in-progress encounter.</summary>
    [Alias("SwapWith")] Task<Encounter> SwapWith(string otherEncounterId);

    /// <summary>The other side of a swap: this encounter now lies in <paramref name="bed"/>.</summary>
    [Alias("MovedBySwap")] Task<Encounter> MovedBySwap(Beds.Bed bed);
}
