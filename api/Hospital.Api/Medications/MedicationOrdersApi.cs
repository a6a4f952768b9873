using Hospital.Api.Problems;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Medications;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Medications;

public static class MedicationOrdersApi
{
    public static IEndpointRouteBuilder MapMedicationOrdersApi(this IEndpointRouteBuilder app)
    {
        var patient = app.MapGroup("/api/patients/{mrn}/medication-orders").WithTags("Medications");
        patient.MapPost("/", Place).RequireAuthorization(Policy(Permission.MedicationOrder)).WithName("PlaceMedicationOrder")
            .WithSummary("Order a drug. Checks allergies, cross-reactivity, interactions, duplicates and dose; contraindicated or major warnings answer 409 unless overrideReason is given.");
        patient.MapPost("/check", Check).RequireAuthorization(Policy(Permission.MedicationOrder)).WithName("CheckMedicationOrder")
            .WithSummary("The warnings an order would get, without placing it.");
        patient.MapGet("/", List).RequireAuthorization(Policy(Permission.MedicationRead)).WithName("ListMedicationOrders");
        var orders = app.MapGroup("/api/medication-orders").WithTags("Medications");
        orders.MapPost("/{id}/discontinue", Discontinue).RequireAuthorization(Policy(Permission.MedicationDiscontinue)).WithName("DiscontinueMedicationOrder")
            .WithSummary("Stop an order, with a reason; doses not yet due leave the MAR.");
        orders.MapPost("/{id}/doses", RecordPrnDose).RequireAuthorization(Policy(Permission.MedicationAdminister)).WithName("RecordPrnDose")
            .WithSummary("Record a dose of a when-required (prn) order given now (Given, Held or Refused; Given with binId takes one unit from that bin).");
        return app;
    }

    public static async Task<Results<Created<MedicationOrder>, ProblemHttpResult, ValidationProblem>> Place(
        string mrn, MedicationOrderBody body, IGrainFactory grains, Hospital.Contracts.Common.HospitalTime clock)
    {
        var errors = new FieldErrors();
        var request = body.Validate(errors, clock.GetUtcNow());
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, mrn);
        var placed = await grains.GetGrain<IMedicationGrain>(patient.Mrn).PlaceOrder(request!);
        if (placed.Order is not { } order)
        {
            return TypedResults.Problem(
                $"The order has {string.Join(" and ", placed.Warnings.Where(w => OrderWarnings.Blocks([w])).Select(w => w.Severity).Distinct())} warnings: give overrideReason to place it anyway.",
                statusCode: StatusCodes.Status409Conflict, title: "Order blocked by its warnings",
                extensions: new Dictionary<string, object?> { ["warnings"] = placed.Warnings });
        }

        return TypedResults.Created($"/api/patients/{patient.Mrn}/medication-orders/{order.Id}", order);
    }

    public static async Task<Results<Ok<OrderCheckView>, ValidationProblem>> Check(string mrn, MedicationOrderBody body, IGrainFactory grains, Hospital.Contracts.Common.HospitalTime clock)
    {
        var errors = new FieldErrors();
        var request = body.Validate(errors, clock.GetUtcNow());
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, mrn);
        var warnings = await grains.GetGrain<IMedicationGrain>(patient.Mrn).PreviewOrder(request!);
        return TypedResults.Ok(new OrderCheckView(warnings, OrderWarnings.Blocks(warnings)));
    }

    public static async Task<Ok<IReadOnlyList<MedicationOrder>>> List(string mrn, OrderStatus? status, IGrainFactory grains)
    {
        var patient = await Lookup.Patient(grains, mrn);
        return TypedResults.Ok(await grains.GetGrain<IMedicationGrain>(patient.Mrn).GetOrders(status));
    }

    public static async Task<Results<Ok<MedicationOrder>, ValidationProblem>> Discontinue(string id, DiscontinueBody body, IGrainFactory grains)
    {
        if (new FieldErrors().RequiredText("reason", body.Reason, 500).ToProblem() is { } problem)
        {
            return problem;
        }

        var medications = await MedicationsOf(grains, id);
        return TypedResults.Ok(await medications.Discontinue(id, body.Reason!));
    }

    public static async Task<Results<Created<ScheduledDose>, ValidationProblem>> RecordPrnDose(string id, DoseRecordBody body, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var record = body.Validate(errors);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var dose = await (await MedicationsOf(grains, id)).RecordPrnDose(id, record!);
        return TypedResults.Created($"/api/patients/{dose.Mrn}/mar", dose);
    }

    /// <summary>The medication grain of the patient an order or dose id names (404 when it names none).</summary>
    internal static async Task<IMedicationGrain> MedicationsOf(IGrainFactory grains, string id)
    {
        var mrn = Lookup.IsPlausibleId(id) ? MedicationOrder.MrnOf(id) : null;
        if (mrn is null)
        {
            throw HospitalException.NotFound(id.Contains('-') && id.Split('-').Length > 3 ? "Dose" : "Medication order", id.Length <= 64 ? id : id[..64]);
        }

        return grains.GetGrain<IMedicationGrain>((await Lookup.Patient(grains, mrn)).Mrn);
    }
}
