using Hospital.Api.Problems;
using Hospital.Contracts.Interop;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Mllp;

public static class Hl7MessagesApi
{
    public static IEndpointRouteBuilder MapHl7MessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/hl7").WithTags("HL7 v2")
            .RequireAuthorization(Security.SecurityRegistration.Policy(Contracts.Security.Permission.InterfaceLog))
            .MapGet("/messages", Search).WithName("SearchHl7Messages")
            .WithSummary("The HL7 interface log: messages as received with the acknowledgement sent, newest first, by control id and MRN.");
        return app;
    }

    /// <param name="controlId">Only messages with this MSH-10.</param>
    /// <param name="mrn">Only messages about this patient (PID-3, type MR).</param>
    /// <param name="limit">At most this many (1-500, default 100).</param>
    public static async Task<Results<Ok<IReadOnlyList<Hl7MessageRecord>>, ValidationProblem>> Search(
        IHl7MessageLog log, string? controlId, string? mrn, int? limit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors()
            .Check(limit is null or (>= 1 and <= 500), "limit", "The limit must be between 1 and 500.")
            .MaxLength("controlId", controlId, Hl7Keys.MaxPartLength).MaxLength("mrn", mrn, Lookup.IdMaxLength);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await log.SearchAsync(controlId, mrn, limit ?? 100, cancellationToken));
    }
}
