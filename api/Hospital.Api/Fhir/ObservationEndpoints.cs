using Hospital.Api.Problems;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Patients;
using FhirObservation = Hl7.Fhir.Model.Observation;

namespace Hospital.Api.Fhir;

/// <summary>
/// Vital-sign Observations: read and search by patient over the sets the chart keeps, as
/// <c>GET /api/patients/{mrn}/vitals</c> lists them.
/// </summary>
public static class ObservationEndpoints
{
    public static async Task<IResult> Read(string id, IGrainFactory grains)
    {
        if (VitalSignsObservation.Parse(id) is { } parts && Lookup.IsPlausibleId(parts.Mrn))
        {
            var patient = await Lookup.Patient(grains, parts.Mrn);
            var sets = await grains.GetGrain<IChartGrain>(patient.Mrn).GetRecentVitals();
            if (sets.FirstOrDefault(s => s.Id == parts.SetId) is { } set)
            {
                return FhirResults.Resource(VitalSignsObservation.From(set, parts.Sign));
            }
        }

        return FhirResults.NotFound("Observation", id);
    }

    /// <summary>Newest set first; within a set, the signs in NEWS2 order.</summary>
    public static async Task<IResult> Search(HttpRequest request, IGrainFactory grains)
    {
        if (FhirSearch.Parse(request, "Observation", out var error) is not { } search)
        {
            return error!;
        }

        if (search["patient"] is not { } reference)
        {
            return FhirResults.Invalid("Observation search needs the patient parameter (Patient/{mrn}).");
        }

        var mrn = FhirSearch.ReferencedId(reference, "Patient");
        if (!Lookup.IsPlausibleId(mrn) || await grains.GetGrain<IPatientGrain>(mrn).Get() is null)
        {
            return FhirResults.Resource(search.Searchset(0, []));
        }

        Security.PatientAccess.Note(mrn);
        var code = search["code"] is { } token ? FhirSearch.TokenCode(token, FhirSystems.Loinc) ?? "" : null;
        var sets = await grains.GetGrain<IChartGrain>(mrn).GetRecentVitals();
        var matches = sets.Reverse().SelectMany(VitalSignsObservation.From)
            .Where(o => search["category"] is not { } category || FhirSearch.TokenCode(category, FhirSystems.ObservationCategory) == "vital-signs")
            .Where(o => code is null || o.Code.Coding.Any(c => c.Code == code))
            .ToList();
        return FhirResults.Resource(search.Searchset(matches.Count, search.PageOf(matches)));
    }
}
