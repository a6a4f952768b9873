using Hospital.Contracts.Common;
using Hospital.Contracts.Security;

namespace Hospital.Api.Security;

/// <summary>Marks an endpoint as reading or writing a patient's data even where its answer type does not show it.</summary>
public sealed class PatientDataAttribute : Attribute;

/// <summary>The MRNs a request touched (named in its path, looked up, or carried in its answer), for the audit record.</summary>
public static class PatientAccess
{
    /// <summary>The most patients one audit record names (a longer answer records the first ones and says how many).</summary>
    public const int MaxPerRecord = 5_000;

    private static readonly AsyncLocal<HashSet<string>?> Touched = new();

    public static void Begin() => Touched.Value = new HashSet<string>(StringComparer.Ordinal);

    public static void Note(string mrn)
    {
        if (Touched.Value is { } touched && touched.Count < MaxPerRecord)
        {
            lock (touched)
            {
                touched.Add(mrn.Length > 64 ? mrn[..64] : mrn);
            }
        }
    }

    public static IReadOnlyCollection<string> Current => Touched.Value ?? [];
}

/// <summary>
/// Writes an audit record for every request to a patient-data route (<see cref="PatientDataRoutes"/>) — allowed or
/// denied — naming every patient the answer carried, before the response starts, so no client sees patient data that
/// was not audited first. The answer is held until its record is written; if the record cannot be written the answer
/// is not sent, and the request fails as any other (503 when the cluster or the database is unavailable). An error
/// answer carries no patient data: when its record cannot be written, it still goes out, and the lost record is logged.
/// </summary>
internal sealed partial class AuditTrailMiddleware(RequestDelegate next, IGrainFactory grains, TimeProvider clock, ILogger<AuditTrailMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || !PatientDataRoutes.Carries(endpoint))
        {
            await next(context);
            return;
        }

        PatientAccess.Begin();
        var touched = PatientAccess.Current;
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        var recorded = false;
        // An answer written after this middleware has returned (the exception handler's) is recorded as it starts.
        context.Response.OnStarting(() => recorded ? Task.CompletedTask : RecordAsync(context, route, touched));
        using var held = await HeldResponse.RunAsync(context, next);
        if (!context.Response.HasStarted)
        {
            await RecordAsync(context, route, touched);
            recorded = true;
        }

        await held.SendAsync();
    }

    private async Task RecordAsync(HttpContext context, string route, IReadOnlyCollection<string> touched)
    {
        var status = context.Response.StatusCode;
        var user = context.User.Identity?.Name ?? Actor.Anonymous;
        var roles = context.User.Claims.Where(c => c.Type == System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList();
        var outcome = status switch { 401 or 403 => "Denied", < 400 => "Allowed", _ => "Failed" };
        List<string> mrns;
        lock (touched)
        {
            mrns = [.. touched];
        }

        if (context.Request.RouteValues.TryGetValue("mrn", out var value) && value is string { Length: > 0 } routeMrn && !mrns.Contains(routeMrn))
        {
            mrns.Insert(0, routeMrn.Length > 64 ? routeMrn[..64] : routeMrn);
        }

        var action = $"{context.Request.Method} {route}";
        var query = context.Request.QueryString.Value;
        try
        {
            await grains.GetGrain<IAuditTrailGrain>(0).Record(new AuditRecord(clock.GetUtcNow(), user, roles, mrns, action, outcome, status)
            {
                Detail = query is { Length: > 0 } ? query.Length > 200 ? query[..200] : query : null,
            });
        }
        catch (Exception e) when (status >= 400)
        {
            AuditLost(logger, e, action, status, user);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit record of {Action} answered {Status} to {User} could not be written")]
    private static partial void AuditLost(ILogger logger, Exception exception, string action, int status, string user);
}
