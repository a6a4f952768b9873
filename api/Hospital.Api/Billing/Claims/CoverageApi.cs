using Hospital.Api.Clinical;
using Hospital.Api.Problems;
using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Billing.Claims;

/// <summary>A patient's insurance coverages (the route names the patient, so every answer is audited).</summary>
public static class CoverageApi
{
    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patients/{mrn}/coverage").WithTags("Insurance");
        api.MapPost("/", Add).RequireAuthorization(Policy(Permission.BillingWrite)).WithName("AddCoverage")
            .WithSummary("Add a coverage with a payer; 409 when an active coverage of the same priority covers any of its dates.");
        api.MapGet("/", List).RequireAuthorization(Policy(Permission.BillingRead)).WithName("ListCoverage")
            .WithSummary("The patient's coverages, active first, by priority.");
        api.MapPost("/{coverageId}/end", End).RequireAuthorization(Policy(Permission.BillingWrite)).WithName("EndCoverage")
            .WithSummary("End a coverage today, with a reason; it still covers care up to today.");
        return app;
    }

    public static async Task<Results<Created<Coverage>, ValidationProblem>> Add(string mrn, CoverageRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (request.Validate(errors) is not { } spec)
        {
            return errors.ToProblem()!;
        }

        await Lookup.Patient(grains, mrn);
        var coverage = await grains.GetGrain<ICoverageGrain>(mrn).Add(spec);
        return TypedResults.Created($"/api/patients/{mrn}/coverage", coverage);
    }

    public static async Task<Ok<IReadOnlyList<Coverage>>> List(string mrn, IGrainFactory grains)
    {
        await Lookup.Patient(grains, mrn);
        return TypedResults.Ok(await grains.GetGrain<ICoverageGrain>(mrn).List());
    }

    public static async Task<Results<Ok<Coverage>, ValidationProblem>> End(string mrn, string coverageId, ReasonRequest request, IGrainFactory grains)
    {
        if (new FieldErrors().RequiredText("reason", request.Reason, 500).ToProblem() is { } problem)
        {
            return problem;
        }

        await Lookup.Patient(grains, mrn);
        return TypedResults.Ok(await grains.GetGrain<ICoverageGrain>(mrn).End(coverageId, request.Reason!.Trim()));
    }
}
