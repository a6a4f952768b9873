using System.Text.Json;
using Hospital.Api.Problems;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Wards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Wards;

/// <summary>Count and mean of a duration.</summary>
public sealed record Measure(int Count, double? Average, string Unit)
{
    public static Measure Of(IReadOnlyCollection<double> values, string unit) =>
        new(values.Count, values.Count == 0 ? null : values.Average(), unit);
}

/// <summary>A ward's flow over a period, computed from the journal.</summary>
/// <param name="BedTurnaround">From a bed becoming Dirty to Available again.</param>
/// <param name="Cleaning">Time spent in Cleaning before Available.</param>
/// <param name="TimeToBed">From the admission request (queue) to the patient in a bed.</param>
/// <param name="LengthOfStay">From admission to discharge, for discharges in the period.</param>
public sealed record WardMetricsView(string WardId, DateTimeOffset From, DateTimeOffset To, Measure BedTurnaround, Measure Cleaning, Measure TimeToBed, Measure LengthOfStay);

public static class WardMetrics
{
    public static IEndpointRouteBuilder MapWardMetricsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/wards/{wardId}/metrics", Get).WithTags("Wards").RequireAuthorization(Security.SecurityRegistration.Policy(Contracts.Security.Permission.OperationsRead)).WithName("GetWardMetrics")
            .WithSummary("Bed turnaround, cleaning time, time to bed and length of stay for a period (default: last 30 days).");
        return app;
    }

    public static async Task<Results<Ok<WardMetricsView>, ValidationProblem>> Get(
        string wardId, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains, IJournal journal, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (new FieldErrors().TimeRange(from, to).ToProblem() is { } invalid)
        {
            return invalid;
        }

        var end = to ?? clock.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        var errors = new FieldErrors().Check(start < end, "to", "The to time must be after the from time.")
            .Check(end - start <= InputLimits.MaxMetricsPeriod, "from", $"The period must be at most {InputLimits.MaxMetricsPeriod.Days} days.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var ward = await Lookup.Ward(grains, wardId);
        var board = (await grains.GetGrain<IWardGrain>(ward.Id).GetBoard())!;
        var turnaround = new List<double>();
        var cleaning = new List<double>();
        foreach (var bed in board.Beds)
        {
            // From the start of the period's day before, so a bed that went Dirty just before the period still counts.
            var history = await journal.QueryAsync(new JournalQuery(EntityId: bed.Id, From: start.AddDays(-1), To: end, Limit: 100_000), cancellationToken);
            DateTimeOffset? dirtySince = null;
            foreach (var entry in history)
            {
                using var payload = JsonDocument.Parse(entry.Payload);
                if (!payload.RootElement.TryGetProperty("to", out var next))
                {
                    continue;
                }

                var status = next.GetString();
                var previous = payload.RootElement.TryGetProperty("from", out var f) ? f.GetString() : null;
                if (status == "Dirty" && previous != "Dirty")
                {
                    dirtySince = entry.OccurredAt;
                }
                else if (status == "Available" && entry.OccurredAt >= start)
                {
                    if (dirtySince is { } since)
                    {
                        turnaround.Add((entry.OccurredAt - since).TotalMinutes);
                    }

                    if (previous == "Cleaning" && payload.RootElement.TryGetProperty("statusSince", out var cleaningSince))
                    {
                        cleaning.Add((entry.OccurredAt - cleaningSince.GetDateTimeOffset()).TotalMinutes);
                    }

                    dirtySince = null;
                }
            }
        }

        var timeToBed = await Durations(journal, "Admitted", ward.Id, start, end, "requestedAt", "admittedAt", TimeSpan.FromMinutes(1), cancellationToken);
        var stays = await Durations(journal, "Discharged", ward.Id, start, end, "admittedAt", "dischargedAt", TimeSpan.FromHours(1), cancellationToken);
        return TypedResults.Ok(new WardMetricsView(ward.Id, start, end, Measure.Of(turnaround, "min"), Measure.Of(cleaning, "min"),
            Measure.Of(timeToBed, "min"), Measure.Of(stays, "h")));
    }

    private static async Task<List<double>> Durations(IJournal journal, string kind, string wardId, DateTimeOffset from, DateTimeOffset to,
        string startField, string endField, TimeSpan unit, CancellationToken cancellationToken)
    {
        var durations = new List<double>();
        foreach (var entry in await journal.QueryAsync(new JournalQuery(Kind: kind, From: from, To: to, Limit: 100_000), cancellationToken))
        {
            using var payload = JsonDocument.Parse(entry.Payload);
            var root = payload.RootElement;
            if (root.TryGetProperty("wardId", out var w) && w.GetString() == wardId
                && root.TryGetProperty(startField, out var s) && s.ValueKind == JsonValueKind.String
                && root.TryGetProperty(endField, out var e) && e.ValueKind == JsonValueKind.String)
            {
                durations.Add((e.GetDateTimeOffset() - s.GetDateTimeOffset()) / unit);
            }
        }

        return durations;
    }
}
