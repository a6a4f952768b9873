using Hospital.Api.Problems;
using Hospital.Contracts.Security;
using static Hospital.Api.Security.SecurityRegistration;
using Hospital.Contracts.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Alerts;

public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(Policy(Permission.OperationsRead));
        api.MapGet("/", List).WithName("ListAlerts").WithSummary("Alerts, newest first, filtered by status, ward, kind and subject.");
        api.MapGet("/{alertId}", Get).WithName("GetAlert");
        api.MapPost("/{alertId}/acknowledge", Acknowledge).RequireAuthorization(Policy(Permission.AlertAcknowledge)).WithName("AcknowledgeAlert").WithSummary("Acknowledge an open alert.");
        return app;
    }

    /// <param name="status">Open, Acknowledged or Resolved (recent ones).</param>
    /// <param name="wardId">Only this ward's alerts.</param>
    /// <param name="kind">LowStock, OutOfStock, Expiring, Expired, LowDaysOfSupply, News2...</param>
    /// <param name="subject">Only alerts about this bin, MRN or bed.</param>
    /// <param name="limit">At most this many (1-1000, default 500).</param>
    public static async Task<Results<Ok<IReadOnlyList<Alert>>, ValidationProblem>> List(
        AlertStatus? status, string? wardId, string? kind, string? subject, int? limit, IGrainFactory grains, System.Security.Claims.ClaimsPrincipal user)
    {
        var errors = new FieldErrors().Check(limit is null or (>= 1 and <= 1000), "limit", "The limit must be between 1 and 1000.")
            .MaxLength("wardId", wardId, 64).MaxLength("kind", kind, 64).MaxLength("subject", subject, 64);
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(AlertView.For(user, await grains.GetGrain<IAlertsGrain>(0).Query(new AlertQuery(status, wardId, kind, subject, limit ?? 500))));
    }

    public static async Task<Ok<Alert>> Get(string alertId, IGrainFactory grains, System.Security.Claims.ClaimsPrincipal user) =>
        TypedResults.Ok(AlertView.For(user, await Find(grains, alertId)));

    public static async Task<Ok<Alert>> Acknowledge(string alertId, IGrainFactory grains, System.Security.Claims.ClaimsPrincipal user) =>
        TypedResults.Ok(AlertView.For(user, await grains.GetGrain<IAlertsGrain>(0).Acknowledge((await Find(grains, alertId)).Id)));

    private static Task<Alert> Find(IGrainFactory grains, string alertId) => Lookup.Alert(grains, alertId);
}
