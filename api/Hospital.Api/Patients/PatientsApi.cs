using Hospital.Api.Problems;
using Hospital.Contracts.Patients;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Patients;

public static class PatientsApi
{
    public static IEndpointRouteBuilder MapPatientsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients").WithTags("Patients");
        api.MapPost("/", Register).WithName("RegisterPatient").WithSummary("Register a patient; a new MRN is assigned.");
        api.MapGet("/{mrn}", Get).WithName("GetPatient").WithSummary("Read a patient by MRN.");
        api.MapPut("/{mrn}", UpdateDemographics).WithName("UpdatePatientDemographics").WithSummary("Replace a patient's demographics.");
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

        var mrn = await grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        var patient = await grains.GetGrain<IPatientGrain>(mrn).Register(demographics!);
        return TypedResults.Created($"/api/patients/{mrn}", patient);
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

    private static Task<Patient> Find(string mrn, IGrainFactory grains) => Lookup.Patient(grains, mrn);
}
