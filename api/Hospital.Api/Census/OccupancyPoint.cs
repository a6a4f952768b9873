using Hospital.Contracts.Journal;

namespace Hospital.Api.Census;

/// <summary>Occupancy at one moment.</summary>
public sealed record OccupancyPoint(DateTimeOffset At, int Total, int Occupied, int Blocked)
{
    public double Occupancy => Total - Blocked <= 0 ? 0 : (double)Occupied / (Total - Blocked);

    /// <summary>Reads a census snapshot: the hospital's totals, or one ward's (null when that ward was not in it).</summary>
    public static OccupancyPoint? FromSnapshot(JournalEntry entry, string? wardId)
    {
        var snapshot = JournalEvents.Read<CensusSnapshotEvent>(entry);
        if (wardId is null)
        {
            return new OccupancyPoint(entry.OccurredAt, snapshot.Total, snapshot.Occupied, snapshot.Blocked);
        }

        return snapshot.Wards.FirstOrDefault(w => w.WardId == wardId) is { } ward
            ? new OccupancyPoint(entry.OccurredAt, ward.Total, ward.Occupied, ward.Blocked)
            : null;
    }
}
