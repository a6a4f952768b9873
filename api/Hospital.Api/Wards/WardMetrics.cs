using Hospital.Api.Problems;
using Hospital.Contracts.Beds;
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
                if (!Enum.TryParse<BedEventKind>(entry.Kind, out _))
                {
                    continue;
                }

                var change = JournalEvents.Read<BedJournalEvent>(entry);
                if (change.To == BedStatus.Dirty && change.From != BedStatus.Dirty)
                {
                    dirtySince = entry.OccurredAt;
                }
                else if (change.To == BedStatus.Available && entry.OccurredAt >= start)
                {
                    if (dirtySince is { } since)
                    {
                        turnaround.Add((entry.OccurredAt - since).TotalMinutes);
                    }

                    if (change.From == BedStatus.Cleaning && change.StatusSince is { } cleaningSince)
                    {
                        cleaning.Add((entry.OccurredAt - cleaningSince).TotalMinutes);
                    }

                    dirtySince = null;
                }
            }
        }

        var timeToBed = await Durations(journal, AdtEventKind.Admitted, ward.Id, start, end, e => e.RequestedAt, e => e.AdmittedAt, TimeSpan.FromMinutes(1), cancellationToken);
        var stays = await Durations(journal, AdtEventKind.Discharged, ward.Id, start, end, e => e.AdmittedAt, e => e.DischargedAt, TimeSpan.FromHours(1), cancellationToken);
        return TypedResults.Ok(new WardMetricsView(ward.Id, start, end, Measure.Of(turnaround, "min"), Measure.Of(cleaning, "min"),
            Measure.Of(timeToBed, "min"), Measure.Of(stays, "h")));
    }

    private static async Task<List<double>> Durations(IJournal journal, AdtEventKind kind, string wardId, DateTimeOffset from, DateTimeOffset to,
        Func<AdtJournalEvent, DateTimeOffset?> startOf, Func<AdtJournalEvent, DateTimeOffset?> endOf, TimeSpan unit, CancellationToken cancellationToken)
    {
        var durations = new List<double>();
        foreach (var entry in await journal.QueryAsync(new JournalQuery(Kind: kind.ToString(), From: from, To: to, Limit: 100_000), cancellationToken))
        {
            var adt = JournalEvents.Read<AdtJournalEvent>(entry);
            if (adt.WardId == wardId && startOf(adt) is { } started && endOf(adt) is { } ended)
            {
                durations.Add((ended - started) / unit);
            }
        }

        return durations;
    }
}
