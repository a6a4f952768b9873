using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Contracts.Security;
using static Hospital.Api.Security.SecurityRegistration;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Wards;

/// <summary>Per-ward queues: patients waiting for a bed, and admitted patients waiting to move here.</summary>
public static class WardQueuesApi
{
    public static IEndpointRouteBuilder MapWardQueuesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/wards/{wardId}").WithTags("Ward queues").WithMetadata(new PatientDataAttribute());
        var read = Policy(Permission.OperationsRead);
        var admit = Policy(Permission.Admission);
        api.MapGet("/pending-admissions", ListPending).RequireAuthorization(read).WithName("ListPendingAdmissions").WithSummary("Patients waiting for a bed, highest priority first.");
        api.MapPost("/pending-admissions", RequestAdmission).RequireAuthorization(admit).WithName("RequestAdmission").WithSummary("Queue a patient for a bed on this ward.");
        api.MapDelete("/pending-admissions/{requestId}", CancelPending).RequireAuthorization(admit).WithName("CancelPendingAdmission").WithSummary("Take a patient off the queue.");
        api.MapPost("/pending-admissions/{requestId}/place", PlacePending).RequireAuthorization(admit).WithName("PlacePendingAdmission").WithSummary("Admit a queued patient into a bed.");
        api.MapGet("/transfer-requests", ListTransfers).RequireAuthorization(read).WithName("ListTransferRequests").WithSummary("Admitted patients waiting to move here, highest priority first.");
        api.MapPost("/transfer-requests", RequestTransfer).RequireAuthorization(admit).WithName("RequestTransfer").WithSummary("Ask for a bed on this ward for an admitted patient.");
        api.MapDelete("/transfer-requests/{requestId}", CancelTransfer).RequireAuthorization(admit).WithName("CancelTransferRequest").WithSummary("Withdraw a transfer request.");
        api.MapPost("/transfer-requests/{requestId}/place", PlaceTransfer).RequireAuthorization(admit).WithName("PlaceTransferRequest").WithSummary("Move the patient into a bed on this ward.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<PendingAdmission>>> ListPending(string wardId, IGrainFactory grains) =>
        TypedResults.Ok(await (await Ward(grains, wardId)).GetPendingAdmissions());

    public static async Task<Results<Created<PendingAdmission>, ValidationProblem>> RequestAdmission(
        string wardId, PendingAdmissionRequest request, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new FieldErrors().RequireId("mrn", request.Mrn).Defined("priority", request.Priority).MaxLength("note", request.Note, 500)
            .ExpectedDischarge(request.ExpectedDischarge, clock.GetUtcNow());
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var ward = await Ward(grains, wardId);
        var patient = await Lookup.Patient(grains, request.Mrn!);
        if (patient.CurrentEncounterId is { } current && await grains.GetGrain<IEncounterGrain>(current).Get() is { Status: EncounterStatus.InProgress })
        {
            throw HospitalException.Conflict("Patient already admitted", $"Patient '{patient.Mrn}' is already admitted; request a transfer instead.");
        }

        var pending = await ward.RequestAdmission(patient.Mrn, patient.Initials, request.Priority ?? Priority.Routine,
            request.IsolationRequired ?? false, request.ExpectedDischarge, request.Note);
        return TypedResults.Created($"/api/wards/{wardId}/pending-admissions/{pending.Id}", pending);
    }

    public static async Task<Ok<PendingAdmission>> CancelPending(string wardId, string requestId, IGrainFactory grains) =>
        TypedResults.Ok(await (await Ward(grains, wardId)).RemovePendingAdmission(requestId));

    public static async Task<Results<Created<Encounter>, ValidationProblem>> PlacePending(
        string wardId, string requestId, PlaceRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("bedId", request.BedId);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var ward = await Ward(grains, wardId);
        var pending = (await ward.GetPendingAdmissions()).FirstOrDefault(p => p.Id == requestId)
            ?? throw HospitalException.NotFound("Pending admission", requestId);
        var bed = await BedOnWard(grains, request.BedId!, wardId);

        // One workflow: the admission closes the queue entry in the commit that completes it.
        var encounter = await grains.GetGrain<IPatientGrain>(pending.Mrn).Admit(new AdmitCommand(
            pending.Mrn, bed.Id, pending.IsolationRequired, pending.ExpectedDischarge, pending.RequestedAt, new QueueEntry(pending.WardId, requestId)));
        return TypedResults.Created($"/api/admissions/{encounter.EncounterId}", encounter);
    }

    public static async Task<Ok<IReadOnlyList<TransferRequest>>> ListTransfers(string wardId, IGrainFactory grains) =>
        TypedResults.Ok(await (await Ward(grains, wardId)).GetTransferRequests());

    public static async Task<Results<Created<TransferRequest>, ValidationProblem>> RequestTransfer(
        string wardId, TransferRequestRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("encounterId", request.EncounterId).Defined("priority", request.Priority).MaxLength("reason", request.Reason, 500);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var ward = await Ward(grains, wardId);
        var encounter = await Lookup.Encounter(grains, request.EncounterId!);
        if (encounter.Status != EncounterStatus.InProgress)
        {
            throw HospitalException.Conflict("Encounter not in progress", $"Encounter '{encounter.EncounterId}' is {encounter.Status}.");
        }

        var patient = await Lookup.Patient(grains, encounter.Mrn);
        var transfer = await ward.RequestTransfer(encounter.EncounterId, encounter.Mrn, patient.Initials, encounter.BedId, request.Priority ?? Priority.Routine, request.Reason);
        return TypedResults.Created($"/api/wards/{wardId}/transfer-requests/{transfer.Id}", transfer);
    }

    public static async Task<Ok<TransferRequest>> CancelTransfer(string wardId, string requestId, IGrainFactory grains) =>
        TypedResults.Ok(await (await Ward(grains, wardId)).RemoveTransferRequest(requestId));

    public static async Task<Results<Ok<Encounter>, ValidationProblem>> PlaceTransfer(
        string wardId, string requestId, PlaceRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors().RequireId("bedId", request.BedId);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var ward = await Ward(grains, wardId);
        var transfer = (await ward.GetTransferRequests()).FirstOrDefault(t => t.Id == requestId)
            ?? throw HospitalException.NotFound("Transfer request", requestId);
        var bed = await BedOnWard(grains, request.BedId!, wardId);

        // One workflow: the transfer closes the queue entry in the commit that completes it.
        var encounter = await grains.GetGrain<IEncounterGrain>(transfer.EncounterId).Transfer(bed.Id, new QueueEntry(transfer.WardId, requestId));
        return TypedResults.Ok(encounter);
    }

    /// <summary>A queue places patients only into beds of its own ward.</summary>
    private static async Task<Bed> BedOnWard(IGrainFactory grains, string bedId, string wardId)
    {
        var bed = await Lookup.Bed(grains, bedId);
        return bed.WardId == wardId
            ? bed
            : throw HospitalException.Conflict("Bed on another ward", $"Bed '{bed.Id}' is on ward '{bed.WardId}', not '{wardId}'.");
    }

    private static async Task<IWardGrain> Ward(IGrainFactory grains, string wardId) =>
        grains.GetGrain<IWardGrain>((await Lookup.Ward(grains, wardId)).Id);
}
