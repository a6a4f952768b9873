namespace Hospital.Api.Fhir;

/// <summary>What the FHIR endpoint serves and where it lives, as clients see it.</summary>
public static class FhirFormat
{
    private static readonly string[] JsonFormats = ["json", "application/json", "application/fhir+json"];

    /// <summary><c>_format</c> values that mean JSON (the only format served).</summary>
    public static bool IsJson(string format) => JsonFormats.Contains(format.Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The absolute base of the FHIR endpoint, for fullUrl and paging links.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{FhirApi.Path}";
}
