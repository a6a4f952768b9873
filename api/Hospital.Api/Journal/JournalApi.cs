using Hospital.Api.Problems;
using Hospital.Contracts.Journal;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Journal;

public static class JournalApi
{
    public static IEndpointRouteBuilder MapJournalApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/journal").WithTags("Journal")
            .RequireAuthorization(Security.SecurityRegistration.Policy(Contracts.Security.Permission.JournalRead))
            .MapGet("/", Query).WithName("QueryJournal")
            .WithSummary("Read the event journal by entity, patient, kind and time range, in sequence order.");
        return app;
    }

    /// <param name="entityId">Only entries about this entity (MRN, bed id, bin id...).</param>
    /// <param name="mrn">Only entries concerning this patient.</param>
    /// <param name="kind">Only entries of this kind, e.g. PatientRegistered.</param>
    /// <param name="from">Occurred at or after (ISO 8601).</param>
    /// <param name="to">Occurred before (ISO 8601).</param>
    /// <param name="after">Only entries with a sequence above this, for paging.</param>
    /// <param name="limit">At most this many entries (1-1000, default 500).</param>
    public static async Task<Results<Ok<IReadOnlyList<JournalEntry>>, ValidationProblem>> Query(
        IJournal journal, string? entityId, string? mrn, string? kind, DateTimeOffset? from, DateTimeOffset? to,
        long? after, int? limit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Check(limit is null or (>= 1 and <= 1000), "limit", "The limit must be between 1 and 1000.")
            .TimeRange(from, to)
            .MaxLength("entityId", entityId, 200).MaxLength("mrn", mrn, 64).MaxLength("kind", kind, 100);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        // The audit trail shares the journal's store but is read through /api/audit; asked for by kind, it is shown here too.
        var entries = await journal.QueryAsync(new JournalQuery(entityId, mrn, kind, from, to, after, limit ?? 500,
            ExcludeKind: kind is null ? Contracts.Security.AuditChain.Kind : null), cancellationToken);
        return TypedResults.Ok(entries);
    }
}
