using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Fhir;

/// <summary>
/// Reads a FHIR request body with the SDK's parser (anything it cannot read as the expected resource is a 400), and
/// turns the REST validation problems the writes share into OperationOutcome issues naming the field.
/// </summary>
public static class FhirInput
{
    /// <summary>The body as <typeparamref name="T"/>, or the 400 (415 for another media type) to answer instead.</summary>
    public static async Task<(T? Resource, IResult? Error)> ReadAsync<T>(HttpRequest request) where T : Resource
    {
        var type = request.ContentType?.Split(';')[0].Trim();
        if (type is not ("application/fhir+json" or "application/json"))
        {
            return (null, FhirResults.Outcome(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                "Send the resource as application/fhir+json."));
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<Resource>(request.Body, FhirResults.Json, request.HttpContext.RequestAborted) is T resource
                ? (resource, null)
                : (null, FhirResults.Invalid($"The body must be a {typeof(T).Name} resource."));
        }
        // The SDK's converter reports some malformed input (an array where the resource should be) as InvalidOperationException.
        catch (Exception e) when (e is DeserializationFailedException or JsonException or InvalidOperationException or FormatException)
        {
            return (null, FhirResults.Invalid($"The body is not a readable FHIR R4 {typeof(T).Name}: {Clip(e.Message)}"));
        }
    }

    /// <summary>A REST validation problem as a 400 OperationOutcome: one issue per message, its expression the field.</summary>
    public static IResult Invalid(ValidationProblem problem) => FhirResults.Resource(new OperationOutcome
    {
        Issue = problem.ProblemDetails.Errors.SelectMany(field => field.Value.Select(message => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = OperationOutcome.IssueType.Invalid,
            Diagnostics = message,
            Expression = [field.Key],
        })).ToList(),
    }, StatusCodes.Status400BadRequest);

    private static string Clip(string text) => text.Length <= 500 ? text : text[..500] + "...";
}
