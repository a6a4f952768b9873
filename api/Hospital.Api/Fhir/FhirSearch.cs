using Hl7.Fhir.Model;
using Hospital.Contracts.Patients;
using Microsoft.AspNetCore.WebUtilities;

namespace Hospital.Api.Fhir;

/// <summary>
/// One search request: its parameters, the page asked for (<c>_count</c> from 0, default 50, at most 1000 served;
/// <c>_offset</c> from 0) and the searchset Bundle with self/first/next/previous links. As FHIR's default (lenient)
/// handling says, a parameter the resource type does not know is ignored and left out of the self link; with
/// <c>Prefer: handling=strict</c> it is a 400.
/// </summary>
public sealed class FhirSearch
{
    public const int DefaultCount = 50;
    public const int MaxCount = 1000;

    /// <summary>Parameters every search takes besides its own (<c>_format</c> is checked for every route by <see cref="FhirApi"/>).</summary>
    private static readonly string[] Common = ["_count", "_offset", "_format"];

    private readonly HttpRequest _request;
    private readonly string _type;

    private FhirSearch(HttpRequest request, string type, IReadOnlyDictionary<string, string> parameters, int count, int offset)
    {
        _request = request;
        _type = type;
        Parameters = parameters;
        Count = count;
        Offset = offset;
    }

    /// <summary>The resource type's own parameters as given (one value each).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    public int Count { get; }

    public int Offset { get; }

    public string? this[string name] => Parameters.GetValueOrDefault(name);

    /// <summary>Reads the query; on a bad one returns the 400 OperationOutcome to answer with instead.</summary>
    public static FhirSearch? Parse(HttpRequest request, string type, out IResult? error)
    {
        error = null;
        var known = CapabilityStatementResource.SearchParameterNames(type);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
        {
            if (!known.Contains(name) && !Common.Contains(name))
            {
                if (Strict(request))
                {
                    error = FhirResults.Invalid($"Unknown search parameter '{Clip(name)}' for {type}; supported: {string.Join(", ", known.Concat(Common))}.");
                    return null;
                }

                continue;
            }

            if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]) || values[0]!.Length > 200)
            {
                error = FhirResults.Invalid($"The search parameter '{name}' must be given once, with a value of at most 200 characters.");
                return null;
            }

            if (!Common.Contains(name))
            {
                parameters[name] = values[0]!.Trim();
            }
        }

        var count = DefaultCount;
        if (request.Query.TryGetValue("_count", out var c) && (!int.TryParse(c, out count) || count < 0))
        {
            error = FhirResults.Invalid($"_count must be a whole number from 0 (the total only); at most {MaxCount} are served a page.");
            return null;
        }

        // _count asks for at most so many: a page is never larger than MaxCount, and the links say what was served.
        count = Math.Min(count, MaxCount);

        var offset = 0;
        if (request.Query.TryGetValue("_offset", out var o) && (!int.TryParse(o, out offset) || offset < 0))
        {
            error = FhirResults.Invalid("_offset must be a whole number from 0.");
            return null;
        }

        return new FhirSearch(request, type, parameters, count, offset);
    }

    /// <summary>The matches on the page asked for.</summary>
    public IEnumerable<T> PageOf<T>(IEnumerable<T> matches) => matches.Skip(Offset).Take(Count);

    /// <summary>The searchset of <paramref name="page"/> (from <see cref="PageOf"/>) out of <paramref name="total"/> matches, with paging links.</summary>
    public Bundle Searchset(int total, IEnumerable<Resource> page)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = total };
        bundle.Link.Add(Link("self", Offset));
        bundle.Link.Add(Link("first", 0));
        if (Count > 0 && Offset + Count < total)
        {
            bundle.Link.Add(Link("next", Offset + Count));
        }

        if (Offset > 0)
        {
            bundle.Link.Add(Link("previous", Math.Max(0, Offset - Math.Max(Count, 1))));
        }

        var baseUrl = FhirFormat.BaseUrl(_request);
        foreach (var resource in page)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return bundle;
    }

    /// <summary>
    /// The MRN the required <c>patient</c> (or <c>subject</c>) parameter names, or null with the 400 to answer in
    /// <paramref name="error"/>; naming two different patients matches nothing, so it is answered as an unknown one.
    /// </summary>
    public string? RequiredPatient(out IResult? error)
    {
        var named = new[] { this["patient"], this["subject"] }.OfType<string>().Select(r => ReferencedId(r, "Patient")).Distinct().ToList();
        error = named.Count == 0 ? FhirResults.Invalid($"{_type} search needs the patient parameter (Patient/{{mrn}}).") : null;
        return named.Count switch { 0 => null, 1 => named[0], _ => "" };
    }

    /// <summary>Whether the patient a search names is registered (an unknown one matches nothing); a known one is noted for the audit record.</summary>
    public static async Task<bool> PatientExists(IGrainFactory grains, string mrn)
    {
        if (!Problems.Lookup.IsPlausibleId(mrn) || await grains.GetGrain<IPatientGrain>(mrn).Get() is null)
        {
            return false;
        }

        Security.PatientAccess.Note(mrn);
        return true;
    }

    /// <summary>The id a reference parameter names: <c>Patient/M1</c>, a full URL ending so, or the bare id.</summary>
    public static string ReferencedId(string reference, string type)
    {
        var marker = type + "/";
        var at = reference.LastIndexOf(marker, StringComparison.Ordinal);
        return at >= 0 && (at == 0 || reference[at - 1] == '/') ? reference[(at + marker.Length)..] : reference;
    }

    /// <summary>The code of a token parameter (<c>system|code</c> or <c>code</c>), or null when it names another system than <paramref name="system"/>.</summary>
    public static string? TokenCode(string token, string system)
    {
        var bar = token.IndexOf('|');
        return bar < 0 ? token : bar == 0 || token[..bar] == system ? token[(bar + 1)..] : null;
    }

    private Bundle.LinkComponent Link(string relation, int offset)
    {
        var query = new Dictionary<string, string?>(Parameters.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)))
        {
            ["_count"] = Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["_offset"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (_request.Query.TryGetValue("_format", out var format))
        {
            query["_format"] = format.ToString();
        }

        return new Bundle.LinkComponent { Relation = relation, Url = QueryHelpers.AddQueryString($"{FhirFormat.BaseUrl(_request)}/{_type}", query) };
    }

    /// <summary><c>Prefer: handling=strict</c>: unknown parameters are errors instead of being ignored.</summary>
    private static bool Strict(HttpRequest request) =>
        request.Headers["Prefer"].Any(p => p is not null && p.Split(',', ';').Any(v => v.Trim().Equals("handling=strict", StringComparison.OrdinalIgnoreCase)));

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
