using System.Text.Json;
using Hl7.Fhir.Model;
using Hospital.Api.Clinical;
using Hospital.Contracts.Clinical;

namespace Hospital.Api.Fhir;

/// <summary>An entry of the chart's allergies section as FHIR AllergyIntolerance; the substance is text (matched by name, not coded).</summary>
public static class AllergyIntoleranceResource
{
    public const string Section = "allergies";

    public static AllergyIntolerance From(string mrn, ChartEntry entry)
    {
        var data = JsonSerializer.Deserialize<AllergyData>(entry.Data, JsonSerializerOptions.Web)!;
        var allergy = new AllergyIntolerance
        {
            Id = new ChartResourceId(mrn, entry.Id).ToString(),
            Meta = ChartEntryEndpoints.MetaOf(entry),
            // An entry entered in error has no clinical status (FHIR invariant ait-2).
            ClinicalStatus = entry.EnteredInError ? null : new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", data.Status),
            VerificationStatus = ChartEntryEndpoints.Verification("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", entry),
            Code = new CodeableConcept { Text = data.Substance },
            Patient = PatientResource.Reference(mrn),
            RecordedDate = new FhirDateTime(entry.FirstRecordedAt).ToString(),
            Recorder = new ResourceReference { Display = entry.FirstRecordedBy },
            Criticality = data.Criticality switch
            {
                "low" => AllergyIntolerance.AllergyIntoleranceCriticality.Low,
                "high" => AllergyIntolerance.AllergyIntoleranceCriticality.High,
                "unable-to-assess" => AllergyIntolerance.AllergyIntoleranceCriticality.UnableToAssess,
                _ => null,
            },
        };
        if (Category(data.Category) is { } category)
        {
            allergy.Category = [category];
        }

        if (data.Reaction is not null)
        {
            allergy.Reaction.Add(new AllergyIntolerance.ReactionComponent
            {
                Manifestation = [new CodeableConcept { Text = data.Reaction }],
                Severity = data.Severity switch
                {
                    "mild" => AllergyIntolerance.AllergyIntoleranceSeverity.Mild,
                    "moderate" => AllergyIntolerance.AllergyIntoleranceSeverity.Moderate,
                    "severe" => AllergyIntolerance.AllergyIntoleranceSeverity.Severe,
                    _ => null,
                },
            });
        }

        return allergy;
    }

    /// <summary>Our category is free text; only the four FHIR categories carry over.</summary>
    private static AllergyIntolerance.AllergyIntoleranceCategory? Category(string? category) => category?.ToLowerInvariant() switch
    {
        "food" => AllergyIntolerance.AllergyIntoleranceCategory.Food,
        "medication" or "drug" => AllergyIntolerance.AllergyIntoleranceCategory.Medication,
        "environment" => AllergyIntolerance.AllergyIntoleranceCategory.Environment,
        "biologic" => AllergyIntolerance.AllergyIntoleranceCategory.Biologic,
        _ => null,
    };
}
