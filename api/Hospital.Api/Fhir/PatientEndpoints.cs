using System.Globalization;
using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Contracts.Patients;

namespace Hospital.Api.Fhir;

/// <summary>Patient read (id = MRN) and search over the patient index, as <c>GET /api/patients</c> searches.</summary>
public static class PatientEndpoints
{
    /// <summary>The most index matches one search counts; a search matching more pages through these first ones.</summary>
    public const int MaxMatches = 10_000;

    public static async Task<IResult> Read(string id, IGrainFactory grains) =>
        FhirResults.Resource(PatientResource.From(await Lookup.Patient(grains, id)));

    public static async Task<IResult> Search(HttpRequest request, IGrainFactory grains, IPatientIndex index, CancellationToken cancellationToken)
    {
        if (FhirSearch.Parse(request, "Patient", out var error) is not { } search)
        {
            return error!;
        }

        DateOnly? birthDate = null;
        if (search["birthdate"] is { } born)
        {
            var text = born.StartsWith("eq", StringComparison.Ordinal) ? born[2..] : born;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return FhirResults.Invalid("birthdate must be a date yyyy-MM-dd, optionally with the eq prefix.");
            }

            birthDate = date;
        }

        // _id and identifier both name the MRN: asking for two different ones, or another system's identifier, matches no one.
        var mrns = new[] { search["_id"], search["identifier"] is { } identifier ? FhirSearch.TokenCode(identifier, FhirSystems.Mrn) ?? "" : null }
            .Where(m => m is not null).Distinct().ToList();
        if (mrns.Count > 1 || mrns.Any(m => !Lookup.IsPlausibleId(m)))
        {
            return FhirResults.Resource(search.Searchset(0, []));
        }

        var matches = await index.SearchAsync(search["name"], birthDate, mrns.SingleOrDefault(), MaxMatches, cancellationToken);
        var page = new List<Hl7.Fhir.Model.Resource>();
        foreach (var match in search.PageOf(matches))
        {
            PatientAccess.Note(match.Mrn);
            if (await grains.GetGrain<IPatientGrain>(match.Mrn).Get() is { } patient)
            {
                page.Add(PatientResource.From(patient));
            }
        }

        return FhirResults.Resource(search.Searchset(matches.Count, page));
    }
}
