using Hospital.Contracts.Common;
using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Contracts.Security;
using static Hospital.Api.Security.SecurityRegistration;
using Hospital.Contracts.Patients;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Patients;

public static class PatientsApi
{
    public static IEndpointRouteBuilder MapPatientsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients").WithTags("Patients").WithMetadata(new PatientDataAttribute());
        api.MapPost("/", Register).RequireAuthorization(Policy(Permission.PatientWrite)).WithName("RegisterPatient").WithSummary("Register a patient; a new MRN is assigned.");
        api.MapGet("/", Search).RequireAuthorization(Policy(Permission.PatientRead)).WithName("SearchPatients").WithSummary("Find patients by name (word prefixes), birth date or MRN, from the search index.");
        api.MapGet("/{mrn}", Get).RequireAuthorization(Policy(Permission.PatientRead)).WithName("GetPatient").WithSummary("Read a patient by MRN.");
        api.MapPut("/{mrn}", UpdateDemographics).RequireAuthorization(Policy(Permission.PatientWrite)).WithName("UpdatePatientDemographics").WithSummary("Replace a patient's demographics.");
        return app;
    }

    public static async Task<Results<Created<Patient>, ValidationProblem>> Register(
        DemographicsRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new FieldErrors();
        var demographics = request.Validate(errors, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        // With an Idempotency-Key the registration is a grain of its own that keeps its MRN, so a retry after a crash
        // answers with the same patient; without one there is nothing to retry against.
        var patient = Operation.Current is null
            ? await grains.GetGrain<IPatientGrain>(await grains.GetGrain<IMrnAllocatorGrain>(0).Next()).Register(demographics!)
            : await grains.GetGrain<IRegistrationGrain>(Operation.NewId("R", "register")).Register(demographics!);
        return TypedResults.Created($"/api/patients/{patient.Mrn}", patient);
    }

    public static async Task<Ok<Patient>> Get(string mrn, IGrainFactory grains) =>
        TypedResults.Ok(await Find(mrn, grains));

    public static async Task<Results<Ok<Patient>, ValidationProblem>> UpdateDemographics(
        string mrn, DemographicsRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new FieldErrors();
        var demographics = request.Validate(errors, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        await Find(mrn, grains);
        return TypedResults.Ok(await grains.GetGrain<IPatientGrain>(mrn).UpdateDemographics(demographics!));
    }

    /// <param name="name">Words that start the given or family name, e.g. "ann le".</param>
    /// <param name="birthDate">Exact birth date.</param>
    /// <param name="mrn">Exact MRN.</param>
    /// <param name="limit">At most this many (1-200, default 50).</param>
    public static async Task<Results<Ok<IReadOnlyList<PatientSummary>>, ValidationProblem>> Search(
        string? name, DateOnly? birthDate, string? mrn, int? limit, IPatientIndex index, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Check(!string.IsNullOrWhiteSpace(name) || birthDate is not null || !string.IsNullOrWhiteSpace(mrn), "name", "Give a name, birthDate or mrn to search by.")
            .MaxLength("name", name, 200).MaxLength("mrn", mrn, 64)
            .Check(limit is null or (>= 1 and <= 200), "limit", "The limit must be between 1 and 200.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await index.SearchAsync(name, birthDate, string.IsNullOrWhiteSpace(mrn) ? null : mrn.Trim(), limit ?? 50, cancellationToken));
    }

    private static Task<Patient> Find(string mrn, IGrainFactory grains) => Lookup.Patient(grains, mrn);
}
