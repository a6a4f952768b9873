using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace Hospital.Api.Fhir;

/// <summary>
/// Writes FHIR resources as <c>application/fhir+json</c> (or <c>application/fhir+xml</c> when asked) with the Firely
/// SDK's serializers (the api's own camelCase JSON options would not produce valid FHIR), and builds the
/// OperationOutcome every FHIR error is.
/// </summary>
public static class FhirResults
{
    public const string ContentType = "application/fhir+json";
    public const string XmlContentType = "application/fhir+xml";

    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static readonly BaseFhirXmlSerializer Xml = new(ModelInfo.ModelInspector);

    public static IResult Resource(Resource resource, int status = StatusCodes.Status200OK, string? location = null) =>
        new FhirResult(resource, status, location);

    public static IResult Outcome(int status, OperationOutcome.IssueType code, string message) =>
        new FhirResult(OperationOutcomeOf(code, message), status, null);

    public static IResult NotFound(string type, string id) =>
        Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"No {type} with id '{Clip(id)}'.");

    public static IResult Invalid(string message) => Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, message);

    public static OperationOutcome OperationOutcomeOf(OperationOutcome.IssueType code, string message) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = message }],
    };

    /// <summary>Writes the resource as the request asked (<see cref="FhirFormat.WantsXml"/>).</summary>
    public static async Task WriteAsync(HttpContext context, Resource resource)
    {
        if (FhirFormat.WantsXml(context.Request))
        {
            context.Response.ContentType = XmlContentType + "; charset=utf-8";
            await context.Response.WriteAsync(Xml.SerializeToString(resource), context.RequestAborted);
            return;
        }

        context.Response.ContentType = ContentType + "; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, resource, resource.GetType(), Json, context.RequestAborted);
    }

    private static string Clip(string id) => id.Length <= 64 ? id : id[..64] + "...";

    private sealed class FhirResult(Resource resource, int status, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            if (location is not null)
            {
                context.Response.Headers.Location = location;
            }

            // The version a later conditional request or update can name (FHIR's weak ETag).
            if (resource.Meta?.VersionId is { } version)
            {
                context.Response.Headers.ETag = $"W/\"{version}\"";
            }

            await WriteAsync(context, resource);
        }
    }
}
