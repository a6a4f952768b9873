namespace Hospital.Api.Fhir;

/// <summary>What the FHIR endpoint serves and where it lives, as clients see it.</summary>
public static class FhirFormat
{
    private static readonly string[] JsonFormats = ["json", "application/json", "application/fhir+json"];
    private static readonly string[] XmlFormats = ["xml", "text/xml", "application/xml", "application/fhir+xml"];

    /// <summary><c>_format</c> values served: JSON and XML.</summary>
    public static bool IsKnown(string format) => Is(JsonFormats, format) || Is(XmlFormats, format);

    /// <summary>XML when <c>_format</c> asks for it, or when no <c>_format</c> is given and Accept names XML but no JSON; else JSON.</summary>
    public static bool WantsXml(HttpRequest request)
    {
        if (request.Query.TryGetValue("_format", out var format))
        {
            return Is(XmlFormats, format.ToString());
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("xml", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The absolute base of the FHIR endpoint, for fullUrl and paging links.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{FhirApi.Path}";

    private static bool Is(string[] formats, string format) => formats.Contains(format.Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase);
}
