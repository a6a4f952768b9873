namespace Hospital.FunctionalTests.Integrity;

/// <summary>One patient per bed and one bed per admitted patient; every occupied bed's admission exists and is in progress.</summary>
public static class BedChecks
{
    public static void Check(HospitalSnapshot snapshot, List<string> violations)
    {
        foreach (var bed in snapshot.Beds.Values.Where(b => b.Status == "Occupied"))
        {
            if (bed.EncounterId is null || bed.Mrn is null)
            {
                violations.Add($"bed {bed.Id} is Occupied without an admission or patient");
            }
            else if (snapshot.Encounters.GetValueOrDefault(bed.EncounterId) is not { } encounter)
            {
                violations.Add($"bed {bed.Id} is Occupied by admission {bed.EncounterId}, which does not exist");
            }
            else if (encounter.Status != "InProgress")
            {
                violations.Add($"bed {bed.Id} is Occupied by admission {encounter.Id}, which is {encounter.Status}");
            }
            else if (encounter.BedId != bed.Id || encounter.Mrn != bed.Mrn)
            {
                violations.Add($"bed {bed.Id} holds {bed.Mrn} of admission {encounter.Id}, which places {encounter.Mrn} in bed {encounter.BedId}");
            }
        }

        foreach (var group in snapshot.Beds.Values.Where(b => b.Status == "Occupied" && b.Mrn is not null).GroupBy(b => b.Mrn).Where(g => g.Count() > 1))
        {
            violations.Add($"patient {group.Key} occupies {group.Count()} beds: {string.Join(", ", group.Select(b => b.Id))}");
        }

        var inProgress = snapshot.Encounters.Values.OfType<EncounterView>().Where(e => e.Status == "InProgress").ToList();
        foreach (var group in inProgress.GroupBy(e => e.Mrn).Where(g => g.Count() > 1))
        {
            violations.Add($"patient {group.Key} has {group.Count()} admissions in progress: {string.Join(", ", group.Select(e => e.Id))}");
        }

        foreach (var encounter in inProgress)
        {
            var bed = snapshot.Beds.GetValueOrDefault(encounter.BedId);
            if (bed is not { Status: "Occupied" } || bed.EncounterId != encounter.Id)
            {
                violations.Add($"admission {encounter.Id} of {encounter.Mrn} is in progress in bed {encounter.BedId}, which is {bed?.Status ?? "unknown"} with {bed?.EncounterId ?? "no admission"}");
            }

            if (snapshot.CurrentEncounter.TryGetValue(encounter.Mrn, out var current) && current != encounter.Id)
            {
                violations.Add($"patient {encounter.Mrn} is admitted by {encounter.Id} but the patient record names {current ?? "no admission"}");
            }
        }
    }
}
