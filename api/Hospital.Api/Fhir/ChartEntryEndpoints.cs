using Hl7.Fhir.Model;
using Hospital.Api.Problems;
using Hospital.Contracts.Clinical;

namespace Hospital.Api.Fhir;

/// <summary>
/// Chart entries as FHIR: allergies as AllergyIntolerance, problems as Condition, read from the chart's section as
/// <c>GET /api/patients/{mrn}/{section}</c> lists them (entries entered in error included, so marked).
/// </summary>
public static class ChartEntryEndpoints
{
    public static Delegate Read(string section, string type, Func<string, ChartEntry, Resource> map) => async (string id, IGrainFactory grains) =>
    {
        if (ChartResourceId.Parse(id, withPart: false) is { } key)
        {
            var patient = await Lookup.Patient(grains, key.Mrn);
            var entries = await grains.GetGrain<IChartGrain>(patient.Mrn).GetEntries(section);
            if (entries.FirstOrDefault(e => e.Id == key.RecordId) is { } entry)
            {
                return FhirResults.Resource(map(patient.Mrn, entry));
            }
        }

        return FhirResults.NotFound(type, id);
    };

    /// <summary>Newest entry first.</summary>
    public static Delegate Search(string section, string type, Func<string, ChartEntry, Resource> map) => async (HttpRequest request, IGrainFactory grains) =>
    {
        if (FhirSearch.Parse(request, type, out var error) is not { } search || search.RequiredPatient(out error) is not { } mrn)
        {
            return error!;
        }

        var entries = await ChartEndpoints.FindChart(grains, mrn) is { } chart ? await chart.GetEntries(section) : [];
        var matches = entries.OrderByDescending(e => e.FirstRecordedAt).Select(e => map(mrn, e)).ToList();

        return FhirResults.Resource(search.Searchset(matches.Count, search.PageOf(matches)));
    };

    /// <summary>An entry's revision and time as resource meta.</summary>
    public static Meta MetaOf(ChartEntry entry) =>
        new() { VersionId = entry.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUpdated = entry.RecordedAt };

    /// <summary>confirmed, or entered-in-error for an entry so marked, in the resource's verification code system.</summary>
    public static CodeableConcept Verification(string system, ChartEntry entry) => new(system, entry.EnteredInError ? "entered-in-error" : "confirmed");
}
