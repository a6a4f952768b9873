using Hospital.Api.Clinical;
using Hospital.Api.Fhir;
using Hospital.Api.Problems;
using Hospital.Api.Security;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Billing.Claims;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Billing.Claims;

/// <summary>Claims: made from an admission's account, then moved through their lifecycle by the claim grain.</summary>
public static class ClaimsApi
{
    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        var read = Policy(Permission.BillingRead);
        var write = Policy(Permission.BillingWrite);
        var admission = app.MapGroup("/api/admissions/{encounterId}/claims").WithTags("Insurance").WithMetadata(new PatientDataAttribute());
        admission.MapPost("/", Create).RequireAuthorization(write).WithName("CreateClaim")
            .WithSummary("A Draft claim from the account under a coverage (default: the primary one); one per admission and coverage.");
        admission.MapGet("/", ListForAdmission).RequireAuthorization(read).WithName("ListAdmissionClaims").WithSummary("The admission's claims, newest first.");

        var api = app.MapGroup("/api/claims").WithTags("Insurance").WithMetadata(new PatientDataAttribute());
        api.MapGet("/", List).RequireAuthorization(read).WithName("ListClaims").WithSummary("Claims by status and payer, newest first.");
        api.MapGet("/{claimId}", Get).RequireAuthorization(read).WithName("GetClaim").WithSummary("A claim with its lines, remittance and history.");
        api.MapGet("/{claimId}/fhir", GetFhir).RequireAuthorization(read).WithName("GetClaimFhir").WithSummary("The claim as a FHIR R4 Claim.");
        api.MapPost("/{claimId}/submit", Submit).RequireAuthorization(write).WithName("SubmitClaim")
            .WithSummary("Draft -> Submitted, lines rebuilt from the account.");
        api.MapPost("/{claimId}/accept", Accept).RequireAuthorization(write).WithName("AcceptClaim").WithSummary("Submitted -> Accepted.");
        api.MapPost("/{claimId}/reject", Reject).RequireAuthorization(write).WithName("RejectClaim").WithSummary("Submitted -> Rejected, with the payer's reason.");
        api.MapPost("/{claimId}/resubmit", Resubmit).RequireAuthorization(write).WithName("ResubmitClaim")
            .WithSummary("Rejected -> Submitted: the next submission, lines rebuilt from the account.");
        api.MapPost("/{claimId}/deny", Deny).RequireAuthorization(write).WithName("DenyClaim").WithSummary("Accepted -> Denied, with the payer's reason.");
        api.MapPost("/{claimId}/remittance", Remit).RequireAuthorization(write).WithName("PostRemittance")
            .WithSummary("Accepted -> Paid | PartiallyPaid | Denied; the paid total is posted to the account once as an insurer payment.");
        return app;
    }

    public static async Task<Results<Created<Claim>, ValidationProblem>> Create(string encounterId, ClaimRequest? request, IGrainFactory grains)
    {
        var coverageId = request?.CoverageId;
        if (new FieldErrors().Check(coverageId is null || Lookup.IsPlausibleId(coverageId), "coverageId", "The coverageId is not a coverage id.").ToProblem() is { } problem)
        {
            return problem;
        }

        // Which coverage decides which claim: an admission is claimed once under each coverage.
        var account = await Account(grains, encounterId);
        var coverage = (await grains.GetGrain<ICoverageGrain>(account.Mrn).Choose(coverageId, account.OpenedAt)).Coverage;
        var claim = await grains.GetGrain<IClaimGrain>(ClaimIds.For(account.EncounterId, coverage.Id)).Create(new ClaimOpening(account.EncounterId, coverage.Id));
        return TypedResults.Created($"/api/claims/{claim.Id}", claim);
    }

    public static async Task<Ok<IReadOnlyList<ClaimSummary>>> ListForAdmission(string encounterId, IGrainFactory grains)
    {
        var account = await Account(grains, encounterId);
        return TypedResults.Ok(await Register(grains).Query(new ClaimQuery(EncounterId: account.EncounterId)));
    }

    /// <param name="status">Draft, Submitted, Accepted, Rejected, Paid, PartiallyPaid or Denied.</param>
    /// <param name="payerId">Only this payer's claims.</param>
    /// <param name="limit">At most this many (1-1000, default 1000).</param>
    public static async Task<Results<Ok<IReadOnlyList<ClaimSummary>>, ValidationProblem>> List(ClaimStatus? status, string? payerId, int? limit, IGrainFactory grains)
    {
        var errors = new FieldErrors().Check(limit is null or (>= 1 and <= ClaimQuery.MaxLimit), "limit", $"The limit must be between 1 and {ClaimQuery.MaxLimit}.")
            .Check(payerId is null || Lookup.IsPlausibleId(payerId), "payerId", "The payerId is not a payer id.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await Register(grains).Query(new ClaimQuery(status, payerId, Limit: limit ?? ClaimQuery.MaxLimit)));
    }

    public static async Task<Ok<Claim>> Get(string claimId, IGrainFactory grains) => TypedResults.Ok(await Find(grains, claimId));

    public static async Task<IResult> GetFhir(string claimId, IGrainFactory grains) => FhirResults.Resource(await ClaimEndpoints.Resource(grains, claimId));

    public static async Task<Ok<Claim>> Submit(string claimId, IGrainFactory grains) => TypedResults.Ok(await (await Grain(grains, claimId)).Submit());

    public static async Task<Ok<Claim>> Accept(string claimId, IGrainFactory grains) => TypedResults.Ok(await (await Grain(grains, claimId)).Accept());

    public static Task<Results<Ok<Claim>, ValidationProblem>> Reject(string claimId, ReasonRequest request, IGrainFactory grains) =>
        WithReason(grains, claimId, request.Reason, required: true, (claim, reason) => claim.Reject(reason!));

    public static Task<Results<Ok<Claim>, ValidationProblem>> Resubmit(string claimId, ReasonRequest? request, IGrainFactory grains) =>
        WithReason(grains, claimId, request?.Reason, required: false, (claim, reason) => claim.Resubmit(reason));

    public static Task<Results<Ok<Claim>, ValidationProblem>> Deny(string claimId, ReasonRequest request, IGrainFactory grains) =>
        WithReason(grains, claimId, request.Reason, required: true, (claim, reason) => claim.Deny(reason!));

    public static async Task<Results<Ok<Claim>, ValidationProblem>> Remit(string claimId, RemittanceRequest request, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        if (request.Validate(errors) is not { } remittance)
        {
            return errors.ToProblem()!;
        }

        return TypedResults.Ok(await (await Grain(grains, claimId)).Remit(remittance));
    }

    /// <summary>The claim (404 when there is none); noted for the audit record.</summary>
    public static async Task<Claim> Find(IGrainFactory grains, string claimId)
    {
        var claim = Lookup.IsPlausibleId(claimId) ? await grains.GetGrain<IClaimGrain>(claimId).Get() : null;
        if (claim is null)
        {
            throw Lookup.NotFound("Claim", claimId);
        }

        PatientAccess.Note(claim.Mrn);
        return claim;
    }

    private static async Task<Results<Ok<Claim>, ValidationProblem>> WithReason(IGrainFactory grains, string claimId, string? reason, bool required,
        Func<IClaimGrain, string?, Task<Claim>> step)
    {
        var errors = new FieldErrors();
        if (required)
        {
            errors.RequiredText("reason", reason, 500);
        }
        else
        {
            errors.MaxLength("reason", reason, 500);
        }

        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await step(await Grain(grains, claimId), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()));
    }

    private static async Task<IClaimGrain> Grain(IGrainFactory grains, string claimId) => grains.GetGrain<IClaimGrain>((await Find(grains, claimId)).Id);

    private static IClaimRegisterGrain Register(IGrainFactory grains) => grains.GetGrain<IClaimRegisterGrain>(0);

    private static async Task<Account> Account(IGrainFactory grains, string encounterId)
    {
        var account = Lookup.IsPlausibleId(encounterId) ? await grains.GetGrain<IAccountGrain>(encounterId).Get() : null;
        if (account is null)
        {
            throw Lookup.NotFound("Account", encounterId);
        }

        PatientAccess.Note(account.Mrn);
        return account;
    }
}
