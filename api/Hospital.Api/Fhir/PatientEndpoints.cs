using System.Globalization;
using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Api.Patients;
using Hospital.Contracts.Patients;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Fhir;

/// <summary>Patient read (id = MRN) and search over the patient index, as <c>GET /api/patients</c> searches.</summary>
public static class PatientEndpoints
{
    /// <summary>The most index matches one search counts; a search matching more pages through these first ones.</summary>
    public const int MaxMatches = 10_000;

    public static async Task<IResult> Read(string id, IGrainFactory grains) =>
        FhirResults.Resource(PatientResource.From(await Lookup.Patient(grains, id)));

    /// <summary>Registers the patient as <c>POST /api/patients</c> does (same validation, same grains); the server assigns the MRN.</summary>
    public static async Task<IResult> Create(HttpRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var (resource, error) = await FhirInput.ReadAsync<Hl7.Fhir.Model.Patient>(request);
        if (error is not null || (error = PartialBirthDate(resource!)) is not null)
        {
            return error;
        }

        return (await PatientsApi.Register(PatientResource.ToRequest(resource!), grains, clock)).Result switch
        {
            Created<Patient> created => Written(created.Value!, StatusCodes.Status201Created),
            ValidationProblem problem => FhirInput.Invalid(problem),
            var other => other,
        };
    }

    /// <summary>Replaces the demographics as <c>PUT /api/patients/{mrn}</c> does; an unknown MRN is 404 (no create on update).</summary>
    public static async Task<IResult> Update(string id, HttpRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var (resource, error) = await FhirInput.ReadAsync<Hl7.Fhir.Model.Patient>(request);
        if (error is not null || (error = PartialBirthDate(resource!)) is not null)
        {
            return error;
        }

        if (resource!.Id != id)
        {
            return FhirResults.Invalid($"The Patient's id ('{resource.Id}') must be the id in the URL ('{id}').");
        }

        return (await PatientsApi.UpdateDemographics(id, PatientResource.ToRequest(resource), grains, clock)).Result switch
        {
            Ok<Patient> updated => Written(updated.Value!, StatusCodes.Status200OK),
            ValidationProblem problem => FhirInput.Invalid(problem),
            var other => other,
        };
    }

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

        // family and given search the index as name does (a word starts either part): every word must match.
        var words = string.Join(' ', new[] { search["name"], search["family"], search["given"] }.OfType<string>());
        var matches = await index.SearchAsync(words.Length == 0 ? null : words, birthDate, mrns.SingleOrDefault(), MaxMatches, cancellationToken);
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

    private static IResult Written(Patient patient, int status)
    {
        PatientAccess.Note(patient.Mrn);
        return FhirResults.Resource(PatientResource.From(patient), status, $"{FhirApi.Path}/Patient/{patient.Mrn}");
    }

    /// <summary>FHIR allows a birth date of only a year or a month; registration needs the day.</summary>
    private static IResult? PartialBirthDate(Hl7.Fhir.Model.Patient patient) =>
        patient.BirthDate is { Length: not 10 } ? FhirResults.Invalid("The birthDate must be a full date (yyyy-MM-dd).") : null;
}
