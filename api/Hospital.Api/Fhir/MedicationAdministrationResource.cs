using Hl7.Fhir.Model;
using Hospital.Contracts.Medications;

namespace Hospital.Api.Fhir;

/// <summary>
/// A recorded dose of the MAR as FHIR MedicationAdministration: Given is completed; Held and Refused are not-done with
/// the nurse's reason. Doses not (yet) recorded are no administration.
/// </summary>
public static class MedicationAdministrationResource
{
    public static MedicationAdministration From(ScheduledDose dose, MedicationOrder order) => new()
    {
        Id = dose.Id,
        Status = dose.Status == DoseStatus.Given ? MedicationAdministration.MedicationAdministrationStatusCodes.Completed
            : MedicationAdministration.MedicationAdministrationStatusCodes.NotDone,
        StatusReason = dose.Reason is null ? [] : [new CodeableConcept { Text = $"{dose.Status}: {dose.Reason}" }],
        Medication = MedicationRequestResource.Drug(dose.Drug ?? order.Drug),
        Subject = PatientResource.Reference(dose.Mrn),
        Context = order.EncounterId is { } encounterId ? new ResourceReference($"Encounter/{encounterId}") : null,
        Effective = new FhirDateTime(dose.RecordedAt ?? dose.Due),
        Performer = dose.RecordedBy is null ? [] : [new MedicationAdministration.PerformerComponent { Actor = new ResourceReference { Display = dose.RecordedBy } }],
        Request = new ResourceReference($"MedicationRequest/{order.Id}"),
        Dosage = new MedicationAdministration.DosageComponent
        {
            Route = new CodeableConcept { Text = order.Route },
            Dose = new Quantity { Value = order.Dose, Unit = order.Unit },
        },
    };
}
