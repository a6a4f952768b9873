using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Clinical;

/// <summary>Lab orders and acknowledging results. The chart owns both, so a result and its order change in one commit.</summary>
public static class LabOrdersApi
{
    public static IEndpointRouteBuilder MapLabOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients/{mrn}").WithTags("Chart").WithMetadata(new PatientDataAttribute());
        api.MapPost("/lab-orders", Place).RequireAuthorization(Policy(Permission.LabOrder)).WithName("PlaceLabOrder")
            .WithSummary("Order a lab test by LOINC code with priority and specimen.");
        api.MapGet("/lab-orders", List).RequireAuthorization(Policy(Permission.ChartRead)).WithName("ListLabOrders");
        api.MapPost("/lab-orders/{orderId}/collect", Collect).RequireAuthorization(Policy(Permission.ChartWrite)).WithName("CollectLabOrder")
            .WithSummary("The specimen was taken.");
        api.MapPost("/lab-orders/{orderId}/cancel", Cancel).RequireAuthorization(Policy(Permission.LabOrder)).WithName("CancelLabOrder");
        api.MapPost("/labs/{resultId}/acknowledge", Acknowledge).RequireAuthorization(Policy(Permission.ChartWrite)).WithName("AcknowledgeLabResult")
            .WithSummary("A clinician has seen the result; unacknowledged critical results stay listed until then.");
        api.MapGet("/labs/unacknowledged-critical", Unacknowledged).RequireAuthorization(Policy(Permission.ChartRead)).WithName("ListUnacknowledgedCriticalResults");
        return app;
    }

    public static async Task<Results<Created<LabOrder>, ValidationProblem>> Place(string mrn, LabOrderRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (!request.Validate(errors))
        {
            return errors.ToProblem()!;
        }

        var patient = await Lookup.Patient(grains, mrn);
        var order = await grains.GetGrain<IChartGrain>(patient.Mrn).PlaceLabOrder(request.Code!, request.Priority ?? LabPriority.Routine, request.Specimen?.Trim());
        return TypedResults.Created($"/api/patients/{patient.Mrn}/lab-orders/{order.Id}", order);
    }

    public static async Task<Ok<IReadOnlyList<LabOrder>>> List(string mrn, IGrainFactory grains) =>
        TypedResults.Ok(await (await Chart(grains, mrn)).GetLabOrders());

    public static async Task<Ok<LabOrder>> Collect(string mrn, string orderId, IGrainFactory grains) =>
        TypedResults.Ok(await (await Chart(grains, mrn)).CollectLabOrder(orderId));

    public static async Task<Results<Ok<LabOrder>, ValidationProblem>> Cancel(string mrn, string orderId, ReasonRequest request, IGrainFactory grains)
    {
        if (new FieldErrors().RequiredText("reason", request.Reason, 500).ToProblem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await (await Chart(grains, mrn)).CancelLabOrder(orderId, request.Reason!.Trim()));
    }

    public static async Task<Ok<LabResult>> Acknowledge(string mrn, string resultId, IGrainFactory grains) =>
        TypedResults.Ok(await (await Chart(grains, mrn)).AcknowledgeLab(resultId));

    public static async Task<Ok<IReadOnlyList<LabResult>>> Unacknowledged(string mrn, IGrainFactory grains) =>
        TypedResults.Ok(await (await Chart(grains, mrn)).GetUnacknowledgedCritical());

    private static async Task<IChartGrain> Chart(IGrainFactory grains, string mrn) =>
        grains.GetGrain<IChartGrain>((await Lookup.Patient(grains, mrn)).Mrn);
}
