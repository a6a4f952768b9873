using System.Text.Json;
using Hl7.Fhir.Model;
using Hospital.Api.Clinical;
using Hospital.Contracts.Clinical;

namespace Hospital.Api.Fhir;

/// <summary>An entry of the chart's problems section as FHIR Condition (problem-list-item, ICD-10 coded).</summary>
public static class ConditionResource
{
    public const string Section = "problems";

    public static Condition From(string mrn, ChartEntry entry)
    {
        var data = JsonSerializer.Deserialize<ProblemData>(entry.Data, JsonSerializerOptions.Web)!;
        return new Condition
        {
            Id = new ChartResourceId(mrn, entry.Id).ToString(),
            Meta = ChartEntryEndpoints.MetaOf(entry),
            // An entry entered in error has no clinical status (FHIR invariant con-5).
            ClinicalStatus = entry.EnteredInError ? null : new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", data.Status),
            VerificationStatus = ChartEntryEndpoints.Verification("http://terminology.hl7.org/CodeSystem/condition-ver-status", entry),
            Category = [FhirSystems.Concept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")],
            Code = new CodeableConcept("http://hl7.org/fhir/sid/icd-10", data.Code, data.Display, data.Display),
            Subject = PatientResource.Reference(mrn),
            Onset = data.Onset is { } onset ? new FhirDateTime(onset.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)) : null,
            RecordedDate = new FhirDateTime(entry.FirstRecordedAt).ToString(),
            Recorder = new ResourceReference { Display = entry.FirstRecordedBy },
        };
    }
}
