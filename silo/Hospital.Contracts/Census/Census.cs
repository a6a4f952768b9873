namespace Hospital.Contracts.Census;

/// <summary>Bed counts by status. <see cref="Occupancy"/> is occupied / (total - blocked), 0 when no bed is usable.</summary>
/// <param name="News2High">Occupied beds whose patient's latest NEWS2 is in the high band (7 or more).</param>
[GenerateSerializer, Immutable, Alias("hospital.census-counts")]
public sealed record CensusCounts(
    [property: Id(0)] int Total,
    [property: Id(1)] int Available,
    [property: Id(2)] int Reserved,
    [property: Id(3)] int Occupied,
    [property: Id(4)] int Dirty,
    [property: Id(5)] int Cleaning,
    [property: Id(6)] int Blocked,
    [property: Id(7)] int PendingAdmissions,
    [property: Id(8)] int ExpectedDischargesToday,
    [property: Id(9)] int News2High = 0)
{
    public static readonly CensusCounts Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public double Occupancy => Total - Blocked <= 0 ? 0 : (double)Occupied / (Total - Blocked);

    public static CensusCounts operator +(CensusCounts a, CensusCounts b) => new(
        a.Total + b.Total, a.Available + b.Available, a.Reserved + b.Reserved, a.Occupied + b.Occupied, a.Dirty + b.Dirty,
        a.Cleaning + b.Cleaning, a.Blocked + b.Blocked, a.PendingAdmissions + b.PendingAdmissions,
        a.ExpectedDischargesToday + b.ExpectedDischargesToday, a.News2High + b.News2High);

    public static CensusCounts operator -(CensusCounts a, CensusCounts b) => new(
        a.Total - b.Total, a.Available - b.Available, a.Reserved - b.Reserved, a.Occupied - b.Occupied, a.Dirty - b.Dirty,
        a.Cleaning - b.Cleaning, a.Blocked - b.Blocked, a.PendingAdmissions - b.PendingAdmissions,
        a.ExpectedDischargesToday - b.ExpectedDischargesToday, a.News2High - b.News2High);
}

[GenerateSerializer, Immutable, Alias("hospital.ward-census")]
public sealed record WardCensus(
    [property: Id(0)] string WardId,
    [property: Id(1)] CensusCounts Counts);

[GenerateSerializer, Immutable, Alias("hospital.hospital-census")]
public sealed record HospitalCensus(
    [property: Id(0)] CensusCounts Hospital,
    [property: Id(1)] IReadOnlyList<WardCensus> Wards);
