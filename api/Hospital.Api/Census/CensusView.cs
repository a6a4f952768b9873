using Hospital.Contracts.Census;

namespace Hospital.Api.Census;

/// <summary>Bed counts as flat fields; <c>occupancy</c> = occupied / (total - blocked), unrounded.</summary>
public sealed record CountsView(int Total, int Available, int Reserved, int Occupied, int Dirty, int Cleaning, int Blocked,
    double Occupancy, int PendingAdmissions, int ExpectedDischargesToday, int News2High)
{
    public static CountsView From(CensusCounts c) =>
        new(c.Total, c.Available, c.Reserved, c.Occupied, c.Dirty, c.Cleaning, c.Blocked, c.Occupancy, c.PendingAdmissions, c.ExpectedDischargesToday, c.News2High);
}

/// <summary>A ward's counts as flat fields next to its id.</summary>
public sealed record WardCensusView(string WardId, int Total, int Available, int Reserved, int Occupied, int Dirty, int Cleaning,
    int Blocked, double Occupancy, int PendingAdmissions, int ExpectedDischargesToday, int News2High)
{
    public static WardCensusView From(WardCensus w)
    {
        var c = w.Counts;
        return new(w.WardId, c.Total, c.Available, c.Reserved, c.Occupied, c.Dirty, c.Cleaning, c.Blocked, c.Occupancy,
            c.PendingAdmissions, c.ExpectedDischargesToday, c.News2High);
    }
}

public sealed record HospitalCensusView(CountsView Hospital, IReadOnlyList<WardCensusView> Wards)
{
    public static HospitalCensusView From(HospitalCensus c) => new(CountsView.From(c.Hospital), c.Wards.Select(WardCensusView.From).ToList());
}

/// <summary>The <c>CensusChanged</c> hub event.</summary>
public sealed record CensusChangedView(WardCensusView Ward, CountsView Hospital);
