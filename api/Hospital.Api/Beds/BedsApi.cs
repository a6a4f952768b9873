using Hospital.Api.Problems;
using Hospital.Contracts.Security;
using static Hospital.Api.Security.SecurityRegistration;
using Hospital.Api.Wards;
using Hospital.Contracts.Beds;
using Hospital.Grains.Beds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Beds;

/// <summary>A manual status change.</summary>
/// <param name="Status">Cleaning, Available, Blocked or Dirty.</param>
/// <param name="Reason">Required for Blocked: maintenance, isolation, staffing, closed...</param>
public sealed record BedStatusRequest(BedStatus? Status, string? Reason);

/// <summary>Hold a bed for a patient.</summary>
/// <param name="Until">The reservation lapses then (optional); in the future and at most Hospital:Beds:MaxReservation (default 7 days) ahead.</param>
public sealed record ReserveBedRequest(string? Mrn, DateTimeOffset? Until);

public static class BedsApi
{
    public static IEndpointRouteBuilder MapBedsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/beds").WithTags("Beds");
        api.MapGet("/{bedId}", Get).RequireAuthorization(Policy(Permission.OperationsRead)).WithName("GetBed").WithSummary("A bed and its current status.");
        api.MapPost("/{bedId}/status", SetStatus).RequireAuthorization(Policy(Permission.BedStatus)).WithName("SetBedStatus")
            .WithSummary("Change a bed's status; 409 with the reachable statuses in 'allowed' when the lifecycle forbids it.");
        api.MapPost("/{bedId}/reserve", Reserve).RequireAuthorization(Policy(Permission.Admission)).WithName("ReserveBed").WithSummary("Reserve an Available bed for a patient.");
        api.MapPost("/{bedId}/release", Release).RequireAuthorization(Policy(Permission.Admission)).WithName("ReleaseBed").WithSummary("Release a reservation; the bed becomes Available.");
        return app;
    }

    public static async Task<Ok<Bed>> Get(string bedId, IGrainFactory grains) => TypedResults.Ok(await Lookup.Bed(grains, bedId));

    public static async Task<Results<Ok<Bed>, ValidationProblem>> SetStatus(string bedId, BedStatusRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().Defined("status", request.Status).MaxLength("reason", request.Reason, 200);
        if (errors.Required("status", request.Status) && request.Status == BedStatus.Blocked)
        {
            errors.Required("reason", request.Reason);
        }

        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var bed = await Lookup.Bed(grains, bedId);
        return TypedResults.Ok(await grains.GetGrain<IBedGrain>(bed.Id).SetStatus(request.Status!.Value, request.Reason?.Trim()));
    }

    public static async Task<Results<Ok<Bed>, ValidationProblem>> Reserve(
        string bedId, ReserveBedRequest request, IGrainFactory grains, TimeProvider clock, IOptions<BedOptions> options)
    {
        var now = clock.GetUtcNow();
        var errors = new FieldErrors().RequireId("mrn", request.Mrn)
            .Check(request.Until is null || (request.Until > now && request.Until <= now + options.Value.MaxReservation),
                "until", $"The until field must be {options.Value.ReservationRule}.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var bed = await Lookup.Bed(grains, bedId);
        var patient = await Lookup.Patient(grains, request.Mrn!);
        return TypedResults.Ok(await grains.GetGrain<IBedGrain>(bed.Id).Reserve(patient.Mrn, patient.Initials, request.Until));
    }

    public static async Task<Ok<Bed>> Release(string bedId, IGrainFactory grains)
    {
        var bed = await Lookup.Bed(grains, bedId);
        return TypedResults.Ok(await grains.GetGrain<IBedGrain>(bed.Id).Release());
    }
}
