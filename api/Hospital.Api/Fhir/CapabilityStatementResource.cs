using Hl7.Fhir.Model;
using static Hl7.Fhir.Model.CapabilityStatement;

namespace Hospital.Api.Fhir;

/// <summary>
/// What the FHIR endpoint serves, in one table: the CapabilityStatement at <c>/fhir/metadata</c> is built from it and
/// every search accepts exactly the parameters it lists (anything else is a 400).
/// </summary>
public static class CapabilityStatementResource
{
    /// <summary>A search parameter: its name, FHIR type and what it matches.</summary>
    public sealed record Parameter(string Name, SearchParamType Type, string Documentation);

    /// <summary>The patient parameter every search over one patient's records requires.</summary>
    private static readonly Parameter Patient = new("patient", SearchParamType.Reference, "Required (or subject): the patient (Patient/{mrn} or the MRN).");

    /// <summary>FHIR's other name for the patient on resources whose subject is always one.</summary>
    private static readonly Parameter Subject = new("subject", SearchParamType.Reference, "The same as patient.");

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Parameter>> Searches = new Dictionary<string, IReadOnlyList<Parameter>>
    {
        ["Patient"] =
        [
            new("_id", SearchParamType.Token, "The MRN."),
            new("identifier", SearchParamType.Token, $"The MRN, as value or {FhirSystems.Mrn}|value."),
            new("name", SearchParamType.String, "Words that start the given or family name (diacritics folded)."),
            new("family", SearchParamType.String, "Words that start the family (or given) name, as name does."),
            new("given", SearchParamType.String, "Words that start the given (or family) name, as name does."),
            new("birthdate", SearchParamType.Date, "Exact birth date, yyyy-MM-dd (optionally eq-prefixed)."),
        ],
        ["Location"] =
        [
            new("_id", SearchParamType.Token, "A ward or bed id."),
            new("name", SearchParamType.String, "Start of the ward name or bed id (case-insensitive)."),
            new("partof", SearchParamType.Reference, "The ward (Location/{wardId}) whose beds to list."),
            new("operational-status", SearchParamType.Token, "Bed status as v2-0116 code (O, U, H, C, I, K)."),
        ],
        ["Encounter"] =
        [
            Patient, Subject,
            new("status", SearchParamType.Token, "in-progress, finished or entered-in-error."),
        ],
        ["Observation"] =
        [
            Patient, Subject,
            new("category", SearchParamType.Token, "vital-signs or laboratory."),
            new("code", SearchParamType.Token, "LOINC code, as code or http://loinc.org|code."),
        ],
        ["ServiceRequest"] =
        [
            Patient, Subject,
            new("status", SearchParamType.Token, "active, completed or revoked."),
        ],
        ["DiagnosticReport"] = [Patient, Subject],
        ["AllergyIntolerance"] = [Patient],
        ["Condition"] = [Patient, Subject],
        ["MedicationRequest"] = [Patient, Subject, new("status", SearchParamType.Token, "active or stopped.")],
        ["MedicationAdministration"] = [Patient, Subject],
        ["Claim"] = [Patient, new("status", SearchParamType.Token, "draft or active.")],
    };

    /// <summary>Every type is read and searched; these are also written, through the same calls as their REST routes.</summary>
    private static readonly Dictionary<string, TypeRestfulInteraction[]> Writes = new()
    {
        ["Patient"] = [TypeRestfulInteraction.Create, TypeRestfulInteraction.Update],
        ["Observation"] = [TypeRestfulInteraction.Create],
    };

    public static IReadOnlyCollection<string> SearchParameterNames(string type) => Searches[type].Select(p => p.Name).ToList();

    public static CapabilityStatement Build(string baseUrl) => new()
    {
        Status = PublicationStatus.Active,
        Date = "2026-12-04",
        Kind = CapabilityStatementKind.Instance,
        Software = new SoftwareComponent { Name = "OrleansHospital" },
        Implementation = new ImplementationComponent { Description = "OrleansHospital FHIR R4 endpoint", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json", "xml"],
        Rest =
        [
            new RestComponent
            {
                Mode = RestfulCapabilityMode.Server,
                Documentation = "Reads and searches over the hospital's own records; every search pages with _count (1-1000, default 50) and _offset. "
                    + "Observation create takes a vital-signs panel (LOINC 85353-1) with one component per sign.",
                Security = new SecurityComponent
                {
                    Description = "Authorization: Bearer <token from POST /api/auth/token> or X-Api-Key; the same permissions as the matching REST routes. Only /fhir/metadata is open.",
                },
                Resource = Searches.Select(s => new ResourceComponent
                {
                    Type = s.Key,
                    Interaction = new[] { TypeRestfulInteraction.Read, TypeRestfulInteraction.SearchType }.Concat(Writes.GetValueOrDefault(s.Key) ?? [])
                        .Select(code => new ResourceInteractionComponent { Code = code }).ToList(),
                    SearchParam = s.Value.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type, Documentation = p.Documentation }).ToList(),
                }).ToList(),
            },
        ],
    };
}
