using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace Hospital.Api.Security;

/// <summary>
/// Which routes carry patient data, derived from what they return, and which patients an answer carried, noted while
/// it is serialized: a route whose answer can hold an MRN (a property named <c>mrn</c>, <c>…Mrn</c> or
/// <c>patientId</c>, at any depth) or that names a patient in its path is audited, so a new route cannot forget it.
/// A route whose answer type is unknown is treated as carrying patient data.
/// </summary>
public static class PatientDataRoutes
{
    private static readonly ConcurrentDictionary<Endpoint, bool> Known = new();
    private static readonly ConcurrentDictionary<Type, bool> Types = new();

    public static bool Carries(Endpoint endpoint) => Known.GetOrAdd(endpoint, Derive);

    public static bool IsMrnName(string name) =>
        name.EndsWith("mrn", StringComparison.OrdinalIgnoreCase) || name.Equals("patientId", StringComparison.OrdinalIgnoreCase);

    /// <summary>A JSON contract modifier: reading an MRN property for the answer notes it for the audit record.</summary>
    public static void NoteMrns(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (property.PropertyType == typeof(string) && IsMrnName(property.Name) && property.Get is { } get)
            {
                property.Get = o =>
                {
                    var value = get(o);
                    if (value is string { Length: > 0 } mrn)
                    {
                        PatientAccess.Note(mrn);
                    }

                    return value;
                };
            }
        }
    }

    private static bool Derive(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<PatientDataAttribute>() is not null)
        {
            return true;
        }

        var route = endpoint as RouteEndpoint;
        if (route?.RoutePattern.Parameters.Any(p => p.Name.Equals("mrn", StringComparison.OrdinalIgnoreCase)) == true)
        {
            return true;
        }

        var path = route?.RoutePattern.RawText ?? "";
        if (!path.StartsWith("/api", StringComparison.Ordinal) && !path.StartsWith("/fhir", StringComparison.Ordinal))
        {
            return false;
        }

        var answers = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.Type).Where(t => t is not null && t != typeof(void)).ToList();
        var unknown = !endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any();
        return unknown || answers.Any(t => CanHoldMrn(t!));
    }

    private static bool CanHoldMrn(Type type) => Types.GetOrAdd(type, t => Walk(t, []));

    private static bool Walk(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTimeOffset)
            || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan) || type == typeof(Guid)
            || typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(type) || !seen.Add(type))
        {
            return false;
        }

        if (type == typeof(object) || type == typeof(System.Text.Json.JsonElement) || type.IsInterface && !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return true;
        }

        if (type.IsArray)
        {
            return Walk(type.GetElementType()!, seen);
        }

        if (typeof(IEnumerable).IsAssignableFrom(type))
        {
            return type.IsGenericType ? type.GetGenericArguments().Any(a => Walk(a, seen)) : true;
        }

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(p => p.GetIndexParameters().Length == 0 && (IsMrnName(p.Name) && p.PropertyType == typeof(string) || Walk(p.PropertyType, seen)));
    }
}
