using Hospital.Api.Problems;
using Hospital.Contracts.Medications;
using Hospital.Contracts.Security;
using Hospital.Grains.Medications;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Medications;

/// <summary>The medication administration record.</summary>
public static class MarApi
{
    public static IEndpointRouteBuilder MapMarApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/patients/{mrn}/mar").WithTags("Medications")
            .MapGet("/", Get).RequireAuthorization(Policy(Permission.MedicationRead)).WithName("GetMar")
            .WithSummary("Doses due from `from` to `to` (default: today on the hospital's clock; at most 31 days).");
        app.MapGroup("/api/mar").WithTags("Medications")
            .MapPost("/{doseId}/record", Record).RequireAuthorization(Policy(Permission.MedicationAdminister)).WithName("RecordDose")
            .WithSummary("Record a dose Given, Held or Refused; Given with binId takes one unit from that bin.");
        app.MapGroup("/api/mar").WithTags("Medications")
            .MapPost("/{doseId}/correct", Correct).RequireAuthorization(Policy(Permission.MedicationAdminister)).WithName("CorrectDose")
            .WithSummary("Correct a recorded dose's outcome with a reason (journaled); a charge for a dose no longer Given is credited.");
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ScheduledDose>>, ValidationProblem>> Get(string mrn, DateTimeOffset? from, DateTimeOffset? to,
        IGrainFactory grains, Hospital.Contracts.Common.HospitalTime clock, IOptions<HospitalZoneOptions> zone)
    {
        var errors = new FieldErrors().TimeRange(from, to);
        var (start, end) = Today(clock.GetUtcNow(), zone.Value.Zone);
        start = from ?? (to is { } t && t <= start ? t.AddDays(-1) : start);
        end = to ?? start.AddDays(1);
        errors.Check(end - start <= TimeSpan.FromDays(MedicationLimits.MaxMarDays), "to", $"The range must be at most {MedicationLimits.MaxMarDays} days.")
            .Check(start < end, "to", "The to time must be after the from time.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var patient = await Lookup.Patient(grains, mrn);
        return TypedResults.Ok(await grains.GetGrain<IMedicationGrain>(patient.Mrn).GetMar(start, end));
    }

    public static async Task<Results<Ok<ScheduledDose>, ValidationProblem>> Record(string doseId, DoseRecordBody body, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var record = body.Validate(errors);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var medications = await MedicationOrdersApi.MedicationsOf(grains, doseId);
        return TypedResults.Ok(await medications.RecordDose(doseId, record!));
    }

    public static async Task<Results<Ok<ScheduledDose>, ValidationProblem>> Correct(string doseId, DoseRecordBody body, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var record = body.Validate(errors);
        errors.Check(!string.IsNullOrWhiteSpace(body.Reason), "reason", "A correction needs a reason.")
            .Check(body.BinId is null, "binId", "A correction does not move stock.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var medications = await MedicationOrdersApi.MedicationsOf(grains, doseId);
        return TypedResults.Ok(await medications.CorrectDose(doseId, record!));
    }

    /// <summary>The current day on the hospital's clock, as UTC times.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Today(DateTimeOffset now, TimeZoneInfo zone)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return (DoseSchedule.ToUtc(day, TimeOnly.MinValue, zone), DoseSchedule.ToUtc(day.AddDays(1), TimeOnly.MinValue, zone));
    }
}
