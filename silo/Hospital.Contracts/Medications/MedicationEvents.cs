using Hospital.Contracts.Changes;
using Hospital.Contracts.Inventory;

namespace Hospital.Contracts.Medications;

/// <summary>What happened to a patient's medication orders and doses.</summary>
public enum MedicationEventKind
{
    MedicationOrdered,
    /// <summary>A prescriber went ahead despite blocking warnings: who (the line's actor), why, and which warnings.</summary>
    MedicationOrderOverridden,
    MedicationOrderDiscontinued,
    /// <summary>A dose was given: the line billing posts a charge from.</summary>
    MedicationAdministered,
    MedicationDoseHeld,
    MedicationDoseRefused,
    /// <summary>A recorded outcome was corrected (who, why, from and to).</summary>
    MedicationDoseCorrected,
}

/// <summary>A recorded dose's outcome corrected: from, to, why and by whom.</summary>
public sealed record MedicationDoseCorrectionJournalEvent(
    string DoseId, string OrderId, string Mrn, string DrugCode, string From, string To, string Reason, string CorrectedBy);

/// <summary>An order as placed or discontinued.</summary>
public sealed record MedicationOrderJournalEvent(MedicationOrder Order);

/// <summary>An override: the reason and the warnings it set aside.</summary>
public sealed record MedicationOverrideJournalEvent(string OrderId, string DrugCode, string Reason, IReadOnlyList<OrderWarning> Warnings);

/// <summary>A dose recorded. For Given: the drug, the encounter and the bin a charge is posted from.</summary>
public sealed record MedicationDoseJournalEvent(
    string DoseId,
    string OrderId,
    string Mrn,
    string DrugCode,
    string DrugName,
    decimal Dose,
    string Unit,
    DateTimeOffset Due,
    DoseOutcome Outcome,
    string? EncounterId,
    string? Reason,
    string? BinId);

/// <summary>
/// A dose given from a bin takes one unit from it: committed by the medication grain with the dose, applied by the bin
/// once per dose id (it keeps the ids it has applied), so a redelivery or a retried record moves stock once.
/// </summary>
[GenerateSerializer, Alias("hospital.dose-dispensed-message")]
public sealed record DoseDispensedMessage(
    [property: Id(0)] string BinId,
    [property: Id(1)] string DoseId,
    [property: Id(2)] string Mrn) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<ISupplyBinGrain>(BinId).DispenseDose(this);
}
