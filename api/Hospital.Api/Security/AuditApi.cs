using Hospital.Api.Problems;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Security;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/audit").WithTags("Security").RequireAuthorization(SecurityRegistration.Policy(Permission.AuditRead));
        audit.MapGet("/", Query).WithName("QueryAudit").WithSummary("Audit entries (who, roles, when, patient, action, outcome), oldest first.");
        audit.MapGet("/verify", Verify).WithName("VerifyAudit").WithSummary("Recompute the hash chain and report the first break.");
        return app;
    }

    /// <param name="mrn">Only entries about this patient.</param>
    /// <param name="after">Only entries after this sequence, for paging.</param>
    public static async Task<Results<Ok<IReadOnlyList<JournalEntry>>, ValidationProblem>> Query(
        string? mrn, DateTimeOffset? from, DateTimeOffset? to, long? after, int? limit, IJournal journal, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().MaxLength("mrn", mrn, 64).Check(limit is null or (>= 1 and <= 1000), "limit", "The limit must be between 1 and 1000.")
            .TimeRange(from, to);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await journal.QueryAsync(new JournalQuery(PatientId: mrn, Kind: AuditChain.Kind, From: from, To: to, AfterSequence: after, Limit: limit ?? 500), cancellationToken));
    }

    public static async Task<Ok<AuditVerification>> Verify(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IAuditTrailGrain>(0).Verify());
}
