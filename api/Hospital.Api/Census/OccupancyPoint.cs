using System.Text.Json;
using Hospital.Contracts.Journal;

namespace Hospital.Api.Census;

/// <summary>Occupancy at one moment.</summary>
public sealed record OccupancyPoint(DateTimeOffset At, int Total, int Occupied, int Blocked)
{
    public double Occupancy => Total - Blocked <= 0 ? 0 : (double)Occupied / (Total - Blocked);

    /// <summary>Reads a CensusSnapshot journal entry: hospital totals, and per ward [id, total, occupied, blocked].</summary>
    public static OccupancyPoint? FromSnapshot(JournalEntry entry, string? wardId)
    {
        using var json = JsonDocument.Parse(entry.Payload);
        var root = json.RootElement;
        if (wardId is null)
        {
            return new OccupancyPoint(entry.OccurredAt, root.GetProperty("total").GetInt32(), root.GetProperty("occupied").GetInt32(), root.GetProperty("blocked").GetInt32());
        }

        foreach (var ward in root.GetProperty("wards").EnumerateArray())
        {
            if (ward[0].GetString() == wardId)
            {
                return new OccupancyPoint(entry.OccurredAt, ward[1].GetInt32(), ward[2].GetInt32(), ward[3].GetInt32());
            }
        }

        return null;
    }
}
