using Hl7.Fhir.Model;
using Hospital.Contracts.Clinical;
using FhirObservation = Hl7.Fhir.Model.Observation;

namespace Hospital.Api.Fhir;

/// <summary>A lab result as FHIR Observation (category laboratory): LOINC code, value and unit, reference range and the H/L/HH/LL flag as interpretation.</summary>
public static class LabObservation
{
    public const string Part = "lab";

    public static FhirObservation From(LabResult result)
    {
        var observation = new FhirObservation
        {
            Id = new ChartResourceId(result.Mrn, result.Id, Part).ToString(),
            Status = ObservationStatus.Final,
            Category = [FhirSystems.Concept(FhirSystems.ObservationCategory, "laboratory", "Laboratory")],
            Code = new CodeableConcept { Coding = [new Coding(FhirSystems.Loinc, result.Loinc, result.Name)], Text = result.Name },
            Subject = PatientResource.Reference(result.Mrn),
            Effective = new FhirDateTime(result.CollectedAt),
            Issued = result.RecordedAt,
            Performer = [new ResourceReference { Display = result.RecordedBy }],
            Value = new Quantity { Value = result.Value, Unit = result.Unit },
            Interpretation = [FhirSystems.Concept(FhirSystems.Interpretation, result.Flag, Interpretation(result.Flag))],
        };
        if (result.ReferenceLow is not null || result.ReferenceHigh is not null)
        {
            observation.ReferenceRange.Add(new FhirObservation.ReferenceRangeComponent
            {
                Low = result.ReferenceLow is { } low ? new Quantity { Value = low, Unit = result.Unit } : null,
                High = result.ReferenceHigh is { } high ? new Quantity { Value = high, Unit = result.Unit } : null,
            });
        }

        if (result.OrderId is not null)
        {
            observation.BasedOn.Add(new ResourceReference($"ServiceRequest/{new ChartResourceId(result.Mrn, result.OrderId)}"));
        }

        return observation;
    }

    private static string Interpretation(string flag) => flag switch
    {
        "L" => "Low",
        "H" => "High",
        "LL" => "Critical low",
        "HH" => "Critical high",
        _ => "Normal",
    };
}
