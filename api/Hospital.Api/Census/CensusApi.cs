using Hospital.Contracts.Census;
using Hospital.Api.Problems;
using Hospital.Contracts.Wards;
using Hospital.Contracts.Journal;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Census;

public static class CensusApi
{
    public static IEndpointRouteBuilder MapCensusApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/census").WithTags("Census")
            .RequireAuthorization(Security.SecurityRegistration.Policy(Contracts.Security.Permission.OperationsRead));
        api.MapGet("/", GetHospital).WithName("GetCensus").WithSummary("Bed counts for the hospital and every ward.")
            .Produces<HospitalCensusView>(StatusCodes.Status200OK, "application/json");
        api.MapGet("/history", History).WithName("GetCensusHistory")
            .WithSummary("Occupancy over the last hours (5-minute snapshots from the journal, then now), for the hospital or one ward.");
        api.MapGet("/wards/{wardId}", GetWard).WithName("GetWardCensus").WithSummary("Bed counts for one ward.");
        return app;
    }

    /// <summary>Served from <see cref="CensusCache"/>: the same JSON as serializing <see cref="HospitalCensusView"/>.</summary>
    public static async Task<FileContentHttpResult> GetHospital(CensusCache census) =>
        TypedResults.Bytes(await census.GetJsonAsync(), "application/json; charset=utf-8");

    public static async Task<Ok<WardCensusView>> GetWard(string wardId, IGrainFactory grains) =>
        TypedResults.Ok(WardCensusView.From((await grains.GetGrain<IWardGrain>((await Lookup.Ward(grains, wardId)).Id).GetCensus())!));

    /// <param name="hours">How far back, 1-168 (default 24).</param>
    /// <param name="wardId">One ward's trend instead of the hospital's.</param>
    public static async Task<Results<Ok<List<OccupancyPoint>>, ValidationProblem>> History(
        int? hours, string? wardId, IGrainFactory grains, IJournal journal, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Check(hours is null or (>= 1 and <= 168), "hours", "The hours must be between 1 and 168.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        if (wardId is not null)
        {
            await Lookup.Ward(grains, wardId);
        }

        var now = clock.GetUtcNow();
        var snapshots = await journal.QueryAsync(new JournalQuery(EntityId: CensusSnapshotEvent.Entity, Kind: CensusSnapshotEvent.Kind,
            From: now.AddHours(-(hours ?? 24)), Limit: 100_000), cancellationToken);
        var points = snapshots.Select(s => OccupancyPoint.FromSnapshot(s, wardId)).OfType<OccupancyPoint>().ToList();
        var census = await grains.GetGrain<IHospitalGrain>(0).GetCensus();
        var current = wardId is null ? census.Hospital : census.Wards.FirstOrDefault(w => w.WardId == wardId)?.Counts ?? CensusCounts.Empty;
        points.Add(new OccupancyPoint(now, current.Total, current.Occupied, current.Blocked));
        return TypedResults.Ok(points);
    }
}
