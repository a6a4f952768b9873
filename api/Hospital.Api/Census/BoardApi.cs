using Hospital.Api.Problems;
using Hospital.Contracts.Census;
using Hospital.Contracts.Wards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hospital.Api.Census;

/// <summary>Expected capacity: beds free now and expected free within 4, 8 and 24 hours, against the queue.</summary>
/// <param name="Net4Hours">Beds free now and within 4 hours less the patients waiting (negative: a shortfall).</param>
public sealed record OutlookView(int AvailableNow, int FreeWithin4Hours, int FreeWithin8Hours, int FreeWithin24Hours, int Cleaning, int Dirty,
    int ExpectedDischargesToday, int ExpectedDischargesTomorrow, int PendingAdmissions, int Net4Hours, int Net8Hours, int Net24Hours)
{
    public static OutlookView From(WardOutlook o) => new(o.AvailableNow, o.FreeWithin4Hours, o.FreeWithin8Hours, o.FreeWithin24Hours,
        o.Cleaning, o.Dirty, o.ExpectedDischargesToday, o.ExpectedDischargesTomorrow, o.PendingAdmissions,
        o.AvailableNow + o.FreeWithin4Hours - o.PendingAdmissions, o.AvailableNow + o.FreeWithin8Hours - o.PendingAdmissions,
        o.AvailableNow + o.FreeWithin24Hours - o.PendingAdmissions);

    public static OutlookView Sum(IEnumerable<WardOutlook> wards)
    {
        var all = wards.ToList();
        return From(new WardOutlook("", all.Sum(o => o.AvailableNow), all.Sum(o => o.FreeWithin4Hours), all.Sum(o => o.FreeWithin8Hours),
            all.Sum(o => o.FreeWithin24Hours), all.Sum(o => o.Cleaning), all.Sum(o => o.Dirty), all.Sum(o => o.ExpectedDischargesToday),
            all.Sum(o => o.ExpectedDischargesTomorrow), all.Sum(o => o.PendingAdmissions), 0, 0, 0));
    }
}

/// <summary>One ward's outlook with the medians its estimates used.</summary>
public sealed record WardOutlookView(string WardId, string Name, OutlookView Outlook, double MedianTurnaroundMinutes, double MedianCleaningMinutes,
    int TurnaroundSamples);

public sealed record HospitalOutlookView(DateTimeOffset At, OutlookView Hospital, IReadOnlyList<WardOutlookView> Wards);

/// <summary>A row of the hospital board.</summary>
public sealed record BoardRow(string WardId, string Name, SexPolicy SexPolicy, string? Service, string? Building, string? Floor,
    WardCensusView Counts, OutlookView Outlook);

/// <summary>The totals of one group of rows (by service, building or floor; an empty key holds wards without one).</summary>
public sealed record BoardGroup(string Key, int Wards, CountsView Counts, OutlookView Outlook);

/// <summary>The hospital board: every ward matching the filters, sorted, with totals for them and per group.</summary>
/// <param name="Filters">The values each filter can take (over every ward, not only the matching ones).</param>
public sealed record BoardView(DateTimeOffset At, int WardCount, CountsView Totals, OutlookView Outlook, IReadOnlyList<BoardRow> Wards,
    IReadOnlyList<BoardGroup>? Groups, BoardFilters Filters);

public sealed record BoardFilters(IReadOnlyList<string> Services, IReadOnlyList<string> Buildings, IReadOnlyList<string> Floors);

public static class BoardApi
{
    /// <summary>The columns the board sorts by.</summary>
    public static readonly IReadOnlyDictionary<string, Func<BoardRow, IComparable>> Columns = new Dictionary<string, Func<BoardRow, IComparable>>(StringComparer.OrdinalIgnoreCase)
    {
        ["ward"] = r => r.WardId,
        ["name"] = r => r.Name,
        ["service"] = r => r.Service ?? "",
        ["building"] = r => r.Building ?? "",
        ["floor"] = r => r.Floor ?? "",
        ["total"] = r => r.Counts.Total,
        ["occupied"] = r => r.Counts.Occupied,
        ["occupancy"] = r => r.Counts.Occupancy,
        ["available"] = r => r.Counts.Available,
        ["dirty"] = r => r.Counts.Dirty,
        ["cleaning"] = r => r.Counts.Cleaning,
        ["blocked"] = r => r.Counts.Blocked,
        ["pendingAdmissions"] = r => r.Counts.PendingAdmissions,
        ["expectedDischargesToday"] = r => r.Counts.ExpectedDischargesToday,
        ["news2High"] = r => r.Counts.News2High,
        ["freeWithin4Hours"] = r => r.Outlook.FreeWithin4Hours,
        ["freeWithin24Hours"] = r => r.Outlook.FreeWithin24Hours,
        ["net24Hours"] = r => r.Outlook.Net24Hours,
    };

    private static readonly string[] GroupKeys = ["service", "building", "floor"];

    public static IEndpointRouteBuilder MapBoardApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/census").WithTags("Census")
            .RequireAuthorization(Security.SecurityRegistration.Policy(Contracts.Security.Permission.OperationsRead));
        api.MapGet("/board", Board).WithName("GetHospitalBoard")
            .WithSummary("One row per ward (counts, queue, expected discharges, NEWS2 high, outlook), filtered, sorted and grouped, with totals.");
        api.MapGet("/outlook", Outlook).WithName("GetCapacityOutlook")
            .WithSummary("Beds expected free in the next 4, 8 and 24 hours for the hospital and each ward, against pending admissions.");
        return app;
    }

    /// <param name="service">Only wards of this service (case-insensitive).</param>
    /// <param name="building">Only wards in this building.</param>
    /// <param name="floor">Only wards on this floor.</param>
    /// <param name="q">Only wards whose id or name contains this text.</param>
    /// <param name="sort">A column: ward, name, service, building, floor, total, occupied, occupancy, available, dirty, cleaning, blocked, pendingAdmissions, expectedDischargesToday, news2High, freeWithin4Hours, freeWithin24Hours, net24Hours.</param>
    /// <param name="desc">Sort descending.</param>
    /// <param name="groupBy">service, building or floor: adds the totals of each group.</param>
    public static async Task<Results<Ok<BoardView>, ValidationProblem>> Board(string? service, string? building, string? floor, string? q,
        string? sort, bool? desc, string? groupBy, IGrainFactory grains, TimeProvider clock)
    {
        var errors = new FieldErrors()
            .MaxLength("service", service, FieldErrors.NameMaxLength).MaxLength("building", building, FieldErrors.NameMaxLength)
            .MaxLength("floor", floor, FieldErrors.NameMaxLength).MaxLength("q", q, FieldErrors.NameMaxLength)
            .Check(sort is null || Columns.ContainsKey(sort), "sort", $"The sort must be one of: {string.Join(", ", Columns.Keys)}.")
            .Check(groupBy is null || GroupKeys.Contains(groupBy, StringComparer.OrdinalIgnoreCase), "groupBy", "The groupBy must be one of: service, building, floor.");
        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var summaries = await Summaries(grains);
        var rows = summaries.Select(s => new BoardRow(s.Ward.Id, s.Ward.Name, s.Ward.SexPolicy, s.Ward.Service, s.Ward.Building, s.Ward.Floor,
            WardCensusView.From(new WardCensus(s.Ward.Id, s.Counts)), OutlookView.From(s.Outlook))).ToList();
        var filters = new BoardFilters(Distinct(rows, r => r.Service), Distinct(rows, r => r.Building), Distinct(rows, r => r.Floor));

        bool Matches(string? value, string? wanted) => wanted is null || string.Equals(value ?? "", wanted.Trim(), StringComparison.OrdinalIgnoreCase);
        var kept = summaries.Zip(rows).Where(x => Matches(x.Second.Service, service) && Matches(x.Second.Building, building) && Matches(x.Second.Floor, floor)
            && (q is null || x.Second.WardId.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase) || x.Second.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var key = Columns[sort ?? "ward"];
        var ordered = (desc == true ? kept.OrderByDescending(x => key(x.Second)) : kept.OrderBy(x => key(x.Second)))
            .ThenBy(x => x.Second.WardId, StringComparer.Ordinal).ToList();

        IReadOnlyList<BoardGroup>? groups = null;
        if (groupBy is not null)
        {
            Func<BoardRow, string?> by = groupBy.ToLowerInvariant() switch { "service" => r => r.Service, "building" => r => r.Building, _ => r => r.Floor };
            groups = ordered.GroupBy(x => by(x.Second) ?? "").OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .Select(g => new BoardGroup(g.Key, g.Count(), Counts(g.Select(x => x.First)), OutlookView.Sum(g.Select(x => x.First.Outlook)))).ToList();
        }

        return TypedResults.Ok(new BoardView(clock.GetUtcNow(), ordered.Count, Counts(ordered.Select(x => x.First)),
            OutlookView.Sum(ordered.Select(x => x.First.Outlook)), ordered.Select(x => x.Second).ToList(), groups, filters));
    }

    /// <param name="wardId">Only this ward (the hospital figure is then that ward's).</param>
    public static async Task<Ok<HospitalOutlookView>> Outlook(string? wardId, IGrainFactory grains, TimeProvider clock)
    {
        var summaries = wardId is null
            ? await Summaries(grains)
            : [(await grains.GetGrain<IWardGrain>((await Lookup.Ward(grains, wardId)).Id).GetSummary())!];
        return TypedResults.Ok(new HospitalOutlookView(clock.GetUtcNow(), OutlookView.Sum(summaries.Select(s => s.Outlook)),
            summaries.Select(s => new WardOutlookView(s.Ward.Id, s.Ward.Name, OutlookView.From(s.Outlook), s.Outlook.MedianTurnaroundMinutes,
                s.Outlook.MedianCleaningMinutes, s.Outlook.TurnaroundSamples)).ToList()));
    }

    /// <summary>Every ward's row, asked of all wards at once (each answers from memory).</summary>
    private static async Task<List<WardSummary>> Summaries(IGrainFactory grains)
    {
        var wards = await grains.GetGrain<IHospitalGrain>(0).GetWards();
        var summaries = await Task.WhenAll(wards.Select(w => grains.GetGrain<IWardGrain>(w.Id).GetSummary()));
        return summaries.OfType<WardSummary>().OrderBy(s => s.Ward.Id, StringComparer.Ordinal).ToList();
    }

    private static CountsView Counts(IEnumerable<WardSummary> wards) => CountsView.From(wards.Aggregate(CensusCounts.Empty, (sum, w) => sum + w.Counts));

    private static IReadOnlyList<string> Distinct(IEnumerable<BoardRow> rows, Func<BoardRow, string?> value) =>
        rows.Select(value).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
}
