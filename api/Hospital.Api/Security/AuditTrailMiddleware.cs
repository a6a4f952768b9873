using Hospital.Contracts.Common;
using Hospital.Contracts.Security;

namespace Hospital.Api.Security;

/// <summary>Marks an endpoint as reading or writing a patient's data: every request to it is audited.</summary>
public sealed class PatientDataAttribute : Attribute;

/// <summary>The MRNs a request touched, collected by the lookups, for the audit record.</summary>
public static class PatientAccess
{
    private static readonly AsyncLocal<HashSet<string>?> Touched = new();

    public static void Begin() => Touched.Value = [];

    public static void Note(string mrn) => Touched.Value?.Add(mrn);

    public static IReadOnlyCollection<string> Current => Touched.Value ?? [];
}

/// <summary>
/// Writes an audit record for every request to a patient-data endpoint — allowed or denied — before the response
/// starts, so no client sees patient data that was not audited first.
/// </summary>
internal sealed class AuditTrailMiddleware(RequestDelegate next, IGrainFactory grains, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<PatientDataAttribute>() is null)
        {
            await next(context);
            return;
        }

        PatientAccess.Begin();
        var touched = PatientAccess.Current;
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        context.Response.OnStarting(() => RecordAsync(context, route, touched));
        await next(context);
    }

    private Task RecordAsync(HttpContext context, string route, IReadOnlyCollection<string> touched)
    {
        var status = context.Response.StatusCode;
        var user = context.User.Identity?.Name ?? Actor.Anonymous;
        var roles = context.User.Claims.Where(c => c.Type == System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList();
        var outcome = status switch { 401 or 403 => "Denied", < 400 => "Allowed", _ => "Failed" };
        var mrn = context.Request.RouteValues.TryGetValue("mrn", out var value) && value is string routeMrn ? routeMrn : touched.FirstOrDefault();
        var action = $"{context.Request.Method} {route}";
        return grains.GetGrain<IAuditTrailGrain>(0).Record(new AuditRecord(clock.GetUtcNow(), user, roles, mrn?.Length > 64 ? mrn[..64] : mrn, action, outcome, status));
    }
}
