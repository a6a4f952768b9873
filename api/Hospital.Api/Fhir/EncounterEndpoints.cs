using Hl7.Fhir.Utility;
using Hospital.Api.Problems;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Journal;

namespace Hospital.Api.Fhir;

/// <summary>Encounter read and search by patient: a patient's admissions are the Admitted (and PatientMerged) facts of the journal.</summary>
public static class EncounterEndpoints
{
    public static async Task<IResult> Read(string id, IGrainFactory grains) =>
        FhirResults.Resource(EncounterResource.From(await Lookup.Encounter(grains, id)));

    /// <summary>Newest admission first.</summary>
    public static async Task<IResult> Search(HttpRequest request, IGrainFactory grains, IJournal journal, CancellationToken cancellationToken)
    {
        if (FhirSearch.Parse(request, "Encounter", out var error) is not { } search || search.RequiredPatient(out error) is not { } mrn)
        {
            return error!;
        }

        var encounters = new List<Encounter>();
        if (await FhirSearch.PatientExists(grains, mrn))
        {
            // Admitted for the patient, or passed to them by a merge of patient records (HL7 A40).
            var facts = new List<JournalEntry>();
            foreach (var kind in new[] { nameof(AdtEventKind.Admitted), nameof(AdtEventKind.PatientMerged) })
            {
                facts.AddRange(await journal.QueryAsync(new JournalQuery(PatientId: mrn, Kind: kind, Limit: PatientEndpoints.MaxMatches), cancellationToken));
            }

            foreach (var encounterId in facts.Select(e => e.EntityId).Distinct())
            {
                if (await grains.GetGrain<IEncounterGrain>(encounterId).Get() is { } encounter && encounter.Mrn == mrn)
                {
                    encounters.Add(encounter);
                }
            }
        }

        var matches = encounters
            .OrderByDescending(e => e.AdmittedAt)
            .Select(EncounterResource.From)
            .Where(e => search["status"] is not { } status || e.Status?.GetLiteral() == status)
            .ToList();
        return FhirResults.Resource(search.Searchset(matches.Count, search.PageOf(matches)));
    }
}
