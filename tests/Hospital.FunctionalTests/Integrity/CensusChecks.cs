namespace Hospital.FunctionalTests.Integrity;

/// <summary>Ward boards, ward counts and hospital counts equal what the beds themselves say.</summary>
public static class CensusChecks
{
    private static readonly string[] Statuses = ["Available", "Reserved", "Occupied", "Dirty", "Cleaning", "Blocked"];

    public static void Check(HospitalSnapshot snapshot, SmallHospital hospital, List<string> violations)
    {
        var hospitalCounts = new Dictionary<string, int>();
        foreach (var wardId in hospital.WardIds)
        {
            var beds = snapshot.Beds.Values.Where(b => b.WardId == wardId).ToList();
            var counts = Statuses.ToDictionary(s => s.ToLowerInvariant(), s => beds.Count(b => b.Status == s));
            counts["total"] = beds.Count;
            counts["pendingAdmissions"] = snapshot.Queued[wardId];
            foreach (var (name, value) in counts)
            {
                hospitalCounts[name] = hospitalCounts.GetValueOrDefault(name) + value;
            }

            Compare($"ward {wardId}", counts, snapshot.Census.GetValueOrDefault(wardId), violations);
            foreach (var bed in beds)
            {
                var shown = snapshot.Boards[wardId].GetValueOrDefault(bed.Id);
                if (shown != bed.Status)
                {
                    violations.Add($"ward {wardId}'s board shows bed {bed.Id} {shown ?? "missing"}, the bed is {bed.Status}");
                }
            }
        }

        Compare("hospital", hospitalCounts, snapshot.Census.GetValueOrDefault(""), violations);
    }

    private static void Compare(string what, Dictionary<string, int> beds, Dictionary<string, int>? census, List<string> violations)
    {
        if (census is null)
        {
            violations.Add($"{what} is missing from the census");
            return;
        }

        var wrong = beds.Where(c => census.GetValueOrDefault(c.Key) != c.Value).Select(c => $"{c.Key} {census.GetValueOrDefault(c.Key)} (beds: {c.Value})").ToList();
        if (wrong.Count > 0)
        {
            violations.Add($"{what} census counts {string.Join(", ", wrong)}");
        }
    }
}
