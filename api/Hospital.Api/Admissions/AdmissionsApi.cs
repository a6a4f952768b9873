using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Contracts.Security;
using static Hospital.Api.Security.SecurityRegistration;
using Hospital.Api.Wards;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Patients;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Admissions;

/// <summary>Admit a patient into a bed.</summary>
/// <param name="IsolationRequired">The patient must be in an isolation-capable bed.</param>
/// <param name="ExpectedDischarge">Planned discharge date (optional): from yesterday to 365 days ahead.</param>
public sealed record AdmitRequest(string? Mrn, string? BedId, bool? IsolationRequired, DateOnly? ExpectedDischarge);

/// <summary>Move an admitted patient to another bed.</summary>
public sealed record TransferRequestBody(string? BedId);

/// <summary>Change the planned discharge date (yesterday to 365 days ahead); null clears it.</summary>
public sealed record ExpectedDischargeRequest(DateOnly? ExpectedDischarge);

/// <summary>Exchange beds with another admitted patient.</summary>
public sealed record SwapRequest(string? OtherEncounterId);

public static class AdmissionsApi
{
    public static IEndpointRouteBuilder MapAdmissionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admissions").WithTags("Admissions").WithMetadata(new PatientDataAttribute())
            .RequireAuthorization(Policy(Permission.Admission));
        api.MapPost("/", Admit).WithName("Admit").WithSummary("Admit a patient into an Available bed, or one reserved for them.");
        api.MapGet("/{encounterId}", Get).RequireAuthorization(Policy(Permission.OperationsRead)).WithName("GetAdmission").WithSummary("An admission with its bed history.");
        api.MapPost("/{encounterId}/transfer", Transfer).WithName("Transfer").WithSummary("Move the patient; the old bed becomes Dirty.");
        api.MapPost("/{encounterId}/discharge", Discharge).WithName("Discharge").WithSummary("Discharge the patient; the bed becomes Dirty.");
        api.MapPost("/{encounterId}/cancel", CancelAdmission).WithName("CancelAdmission").WithSummary("Undo an admission entered in error; the bed becomes Available.");
        api.MapPost("/{encounterId}/cancel-transfer", CancelTransfer).WithName("CancelTransfer").WithSummary("Undo the last transfer: back to the previous bed if still free.");
        api.MapPost("/{encounterId}/cancel-discharge", CancelDischarge).WithName("CancelDischarge").WithSummary("Undo a discharge: back to the bed if still free.");
        api.MapPut("/{encounterId}/expected-discharge", SetExpectedDischarge).WithName("SetExpectedDischarge").WithSummary("Set or clear the expected discharge date.");
        api.MapPost("/{encounterId}/swap", Swap).WithName("SwapBeds").WithSummary("Exchange beds with another admitted patient.");
        return app;
    }

    public static async Task<Results<Created<Encounter>, ValidationProblem>> Admit(AdmitRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new FieldErrors().RequireId("mrn", request.Mrn).RequireId("bedId", request.BedId)
            .ExpectedDischarge(request.ExpectedDischarge, clock.GetUtcNow());
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, request.Mrn!);
        var bed = await Lookup.Bed(grains, request.BedId!);
        var encounter = await grains.GetGrain<IPatientGrain>(patient.Mrn).Admit(
            new AdmitCommand(patient.Mrn, bed.Id, request.IsolationRequired ?? false, request.ExpectedDischarge, null));
        return TypedResults.Created($"/api/admissions/{encounter.EncounterId}", encounter);
    }

    public static async Task<Ok<Encounter>> Get(string encounterId, IGrainFactory grains) =>
        TypedResults.Ok(await Lookup.Encounter(grains, encounterId));

    public static async Task<Results<Ok<Encounter>, ValidationProblem>> Transfer(string encounterId, TransferRequestBody request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("bedId", request.BedId);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var encounter = await Lookup.Encounter(grains, encounterId);
        var bed = await Lookup.Bed(grains, request.BedId!);
        return TypedResults.Ok(await Grain(grains, encounter).Transfer(bed.Id));
    }

    public static async Task<Ok<Encounter>> Discharge(string encounterId, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, await Lookup.Encounter(grains, encounterId)).Discharge());

    public static async Task<Ok<Encounter>> CancelAdmission(string encounterId, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, await Lookup.Encounter(grains, encounterId)).CancelAdmission());

    public static async Task<Ok<Encounter>> CancelTransfer(string encounterId, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, await Lookup.Encounter(grains, encounterId)).CancelTransfer());

    public static async Task<Ok<Encounter>> CancelDischarge(string encounterId, IGrainFactory grains) =>
        TypedResults.Ok(await Grain(grains, await Lookup.Encounter(grains, encounterId)).CancelDischarge());

    public static async Task<Results<Ok<Encounter>, ValidationProblem>> SetExpectedDischarge(
        string encounterId, ExpectedDischargeRequest request, IGrainFactory grains, TimeProvider clock)
    {
        if (new FieldErrors().ExpectedDischarge(request.ExpectedDischarge, clock.GetUtcNow()).ToProblem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await Grain(grains, await Lookup.Encounter(grains, encounterId)).SetExpectedDischarge(request.ExpectedDischarge));
    }

    public static async Task<Results<Ok<Encounter>, ValidationProblem>> Swap(string encounterId, SwapRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("otherEncounterId", request.OtherEncounterId);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var encounter = await Lookup.Encounter(grains, encounterId);
        var other = await Lookup.Encounter(grains, request.OtherEncounterId!);
        return TypedResults.Ok(await Grain(grains, encounter).SwapWith(other.EncounterId));
    }

    private static IEncounterGrain Grain(IGrainFactory grains, Encounter encounter) => grains.GetGrain<IEncounterGrain>(encounter.EncounterId);
}
