using Hl7.Fhir.Model;
using Hospital.Contracts.Medications;

namespace Hospital.Api.Fhir;

/// <summary>A medication order as FHIR MedicationRequest: the catalogue drug, the dose, route and frequency as dosage.</summary>
public static class MedicationRequestResource
{
    public const string DrugSystem = FhirSystems.Base + "/CodeSystem/drug";

    public static MedicationRequest From(MedicationOrder order)
    {
        var request = new MedicationRequest
        {
            Id = order.Id,
            Status = order.Status == OrderStatus.Active ? MedicationRequest.MedicationrequestStatus.Active : MedicationRequest.MedicationrequestStatus.Stopped,
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Medication = Drug(order.Drug),
            Subject = PatientResource.Reference(order.Mrn),
            Encounter = order.EncounterId is { } encounterId ? new ResourceReference($"Encounter/{encounterId}") : null,
            AuthoredOn = new FhirDateTime(order.OrderedAt).ToString(),
            Requester = new ResourceReference { Display = order.OrderedBy },
            DosageInstruction =
            [
                new Dosage
                {
                    Text = $"{order.Dose} {order.Unit} {order.Route} {order.Frequency}",
                    Route = new CodeableConcept { Text = order.Route },
                    Timing = new Timing { Code = new CodeableConcept { Text = order.Frequency } },
                    AsNeeded = new FhirBoolean(order.Frequency == "prn"),
                    DoseAndRate = [new Dosage.DoseAndRateComponent { Dose = new Quantity { Value = order.Dose, Unit = order.Unit } }],
                },
            ],
            DispenseRequest = new MedicationRequest.DispenseRequestComponent
            {
                ValidityPeriod = new Period(new FhirDateTime(order.Start), order.End is { } end ? new FhirDateTime(end) : null),
            },
        };
        if (order.DiscontinueReason is not null)
        {
            request.StatusReason = new CodeableConcept { Text = order.DiscontinueReason };
        }

        return request;
    }

    public static CodeableConcept Drug(DrugRef drug) => new(DrugSystem, drug.Code, drug.Name, drug.Name);
}
