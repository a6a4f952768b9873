using Hl7.Fhir.Model;
using Hospital.Api.Security;
using Hospital.Contracts.Security;
using static Hospital.Api.Security.SecurityRegistration;

namespace Hospital.Api.Fhir;

/// <summary>
/// FHIR R4 at <c>/fhir</c>: reads and searches over the same grains, index and journal the REST routes use, with the
/// same permissions and audit; every answer is <c>application/fhir+json</c> and every error an OperationOutcome.
/// </summary>
public static class FhirApi
{
    public const string Path = "/fhir";

    /// <summary>
    /// Registers the OperationOutcome writer for problems on FHIR paths. Call before <c>AddProblemDetails</c>: the
    /// problem details service asks its writers in the order they were registered, and the default one writes anything.
    /// </summary>
    public static IServiceCollection AddFhirApi(this IServiceCollection services) =>
        services.AddSingleton<IProblemDetailsWriter, FhirProblemWriter>();

    public static IEndpointRouteBuilder MapFhirApi(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup(Path).WithTags("FHIR").WithMetadata(new PatientDataAttribute()).AddEndpointFilter(JsonOnly);
        fhir.MapGet("/metadata", Metadata).AllowAnonymous().WithName("FhirCapabilityStatement").WithSummary("The FHIR CapabilityStatement.");
        Map(fhir, "Patient", Permission.PatientRead, PatientEndpoints.Read, PatientEndpoints.Search);
        fhir.MapPost("/Patient", PatientEndpoints.Create).RequireAuthorization(Policy(Permission.PatientWrite)).WithName("FhirCreatePatient")
            .WithSummary("Register a patient from a FHIR Patient; the MRN is assigned.");
        fhir.MapPut("/Patient/{id}", PatientEndpoints.Update).RequireAuthorization(Policy(Permission.PatientWrite)).WithName("FhirUpdatePatient")
            .WithSummary("Replace a patient's demographics from a FHIR Patient.");
        Map(fhir, "Location", Permission.OperationsRead, LocationEndpoints.Read, LocationEndpoints.Search);
        Map(fhir, "Encounter", Permission.OperationsRead, EncounterEndpoints.Read, EncounterEndpoints.Search);
        Map(fhir, "Observation", Permission.ChartRead, ChartEndpoints.ReadObservation, ChartEndpoints.SearchObservations);
        fhir.MapPost("/Observation", ChartEndpoints.CreateObservation).RequireAuthorization(Policy(Permission.ChartWrite)).WithName("FhirCreateObservation")
            .WithSummary("Record vital signs from a FHIR vital-signs panel; answers with the panel.");
        Map(fhir, "ServiceRequest", Permission.ChartRead, ChartEndpoints.ReadServiceRequest, ChartEndpoints.SearchServiceRequests);
        Map(fhir, "DiagnosticReport", Permission.ChartRead, ChartEndpoints.ReadDiagnosticReport, ChartEndpoints.SearchDiagnosticReports);
        Map(fhir, "AllergyIntolerance", Permission.ChartRead,
            ChartEntryEndpoints.Read(AllergyIntoleranceResource.Section, "AllergyIntolerance", AllergyIntoleranceResource.From),
            ChartEntryEndpoints.Search(AllergyIntoleranceResource.Section, "AllergyIntolerance", AllergyIntoleranceResource.From));
        Map(fhir, "Condition", Permission.ChartRead,
            ChartEntryEndpoints.Read(ConditionResource.Section, "Condition", ConditionResource.From),
            ChartEntryEndpoints.Search(ConditionResource.Section, "Condition", ConditionResource.From));
        Map(fhir, "MedicationRequest", Permission.MedicationRead, MedicationEndpoints.ReadRequest, MedicationEndpoints.SearchRequests);
        Map(fhir, "MedicationAdministration", Permission.MedicationRead, MedicationEndpoints.ReadAdministration, MedicationEndpoints.SearchAdministrations);
        Map(fhir, "Claim", Permission.BillingRead, ClaimEndpoints.Read, ClaimEndpoints.Search);
        return app;
    }

    private static void Map(RouteGroupBuilder fhir, string type, Permission permission, Delegate read, Delegate search)
    {
        fhir.MapGet($"/{type}/{{id}}", read).RequireAuthorization(Policy(permission)).WithName($"FhirRead{type}").WithSummary($"Read a FHIR {type}.");
        fhir.MapGet($"/{type}", search).RequireAuthorization(Policy(permission)).WithName($"FhirSearch{type}").WithSummary($"Search {type}: a searchset Bundle.");
    }

    private static IResult Metadata(HttpRequest request) => FhirResults.Resource(CapabilityStatementResource.Build(FhirFormat.BaseUrl(request)));

    /// <summary>
    /// Only JSON and XML are served. (Errors need no filter: an unknown id or a rule violation reaches the exception handler as on
    /// REST, and <see cref="FhirProblemWriter"/> writes its problem as an OperationOutcome.)
    /// </summary>
    private static async ValueTask<object?> JsonOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.Query.TryGetValue("_format", out var format) && !FhirFormat.IsKnown(format.ToString())
            ? FhirResults.Outcome(StatusCodes.Status406NotAcceptable, OperationOutcome.IssueType.NotSupported, "_format must be json or xml.")
            : await next(context);
}
