using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Hospital.Api.Fhir;

/// <summary>
/// Writes the problems the pipeline raises before or around a FHIR endpoint (401 and 403 from authorization, 429,
/// 413, 503, unreadable input) as an OperationOutcome instead of problem+json, so every FHIR error is one.
/// </summary>
internal sealed class FhirProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Path.StartsWithSegments(FhirApi.Path);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        var outcome = FhirResults.OperationOutcomeOf(Code(status), context.ProblemDetails.Detail ?? context.ProblemDetails.Title ?? Message(status));
        await FhirResults.WriteAsync(context.HttpContext, outcome);
    }

    private static OperationOutcome.IssueType Code(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Login,
        StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
        StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
        StatusCodes.Status409Conflict => OperationOutcome.IssueType.Conflict,
        StatusCodes.Status405MethodNotAllowed or StatusCodes.Status406NotAcceptable or StatusCodes.Status415UnsupportedMediaType => OperationOutcome.IssueType.NotSupported,
        StatusCodes.Status413PayloadTooLarge => OperationOutcome.IssueType.TooLong,
        StatusCodes.Status429TooManyRequests => OperationOutcome.IssueType.Throttled,
        StatusCodes.Status503ServiceUnavailable => OperationOutcome.IssueType.Transient,
        < 500 => OperationOutcome.IssueType.Invalid,
        _ => OperationOutcome.IssueType.Exception,
    };

    /// <summary>What a bare status from authentication, authorization or routing means for the caller.</summary>
    private static string Message(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in: send Authorization: Bearer <token from POST /api/auth/token> or X-Api-Key.",
        StatusCodes.Status403Forbidden => "The caller's roles do not hold the permission this route needs.",
        StatusCodes.Status404NotFound => "No such FHIR route; GET /fhir/metadata lists what is served.",
        StatusCodes.Status405MethodNotAllowed => "This route does not take that method; GET /fhir/metadata lists the interactions served.",
        _ => $"HTTP {status}",
    };
}
