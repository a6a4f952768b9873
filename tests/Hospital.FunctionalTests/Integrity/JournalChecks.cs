namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// Every acknowledged ADT operation is in the journal exactly once and an unknown one at most once; one
/// <c>Admitted</c> per admission and none for an admission that does not exist; each admission's state is where its
/// journal lines leave it.
/// </summary>
public static class JournalChecks
{
    private static readonly Dictionary<OperationKind, string> LineOf = new()
    {
        [OperationKind.Transfer] = "Transferred", [OperationKind.Discharge] = "Discharged", [OperationKind.CancelAdmission] = "AdmissionCancelled",
        [OperationKind.CancelTransfer] = "TransferCancelled", [OperationKind.CancelDischarge] = "DischargeCancelled", [OperationKind.Swap] = "Swapped",
    };

    private static readonly Dictionary<string, string> StatusAfter = new()
    {
        ["Admitted"] = "InProgress", ["DischargeCancelled"] = "InProgress", ["Discharged"] = "Finished", ["AdmissionCancelled"] = "Cancelled",
    };

    private static readonly string[] Moves = ["Admitted", "Transferred", "Swapped", "TransferCancelled", "DischargeCancelled"];

    public static void Check(HospitalSnapshot snapshot, IReadOnlyList<Operation> operations, List<string> violations)
    {
        var lines = HospitalSnapshot.AdtKinds.SelectMany(k => snapshot.Journal[k]).OrderBy(l => l.Sequence).ToLookup(l => l.EntityId);
        var existing = snapshot.Encounters.Values.OfType<EncounterView>().ToList();
        foreach (var encounter in existing)
        {
            var mine = lines[encounter.Id].ToList();
            var admitted = mine.Count(l => l.Kind == "Admitted");
            if (admitted != 1)
            {
                violations.Add($"admission {encounter.Id} has {admitted} Admitted lines");
            }

            if (mine.LastOrDefault(l => StatusAfter.ContainsKey(l.Kind)) is { } last && StatusAfter[last.Kind] != encounter.Status)
            {
                violations.Add($"admission {encounter.Id} is {encounter.Status} but its last journal line is {last.Kind}");
            }

            if (encounter.Status == "InProgress" && mine.LastOrDefault(l => Moves.Contains(l.Kind)) is { } move
                && move.Payload.GetProperty("bedId").GetString() != encounter.BedId)
            {
                violations.Add($"admission {encounter.Id} is in bed {encounter.BedId} but its last journal line ({move.Kind}) puts it in {move.Payload.GetProperty("bedId")}");
            }
        }

        foreach (var line in snapshot.Journal["Admitted"].Where(l => snapshot.Encounters.GetValueOrDefault(l.EntityId) is null))
        {
            violations.Add($"journal line {line.Sequence} Admitted {line.EntityId} for {line.Mrn}, which does not exist");
        }

        var admissions = operations.Where(o => o.Kind is OperationKind.Admit or OperationKind.PlaceFromQueue).ToList();
        foreach (var op in admissions.Where(o => o.Outcome == Outcome.Acknowledged))
        {
            if (snapshot.Encounters.GetValueOrDefault(op.EncounterId!) is not { } encounter || encounter.Mrn != op.Mrn)
            {
                violations.Add($"acknowledged admission {op.EncounterId} of {op.Mrn} (operation {op.Id}) is missing");
            }
        }

        foreach (var group in existing.GroupBy(e => e.Mrn))
        {
            var acknowledged = admissions.Count(o => o.Mrn == group.Key && o.Outcome == Outcome.Acknowledged);
            var unknown = admissions.Count(o => o.Mrn == group.Key && o.Outcome == Outcome.Unknown);
            if (group.Count() < acknowledged || group.Count() > acknowledged + unknown)
            {
                violations.Add($"patient {group.Key} has {group.Count()} admissions; {acknowledged} acknowledged and {unknown} unknown were asked for");
            }
        }

        foreach (var encounterId in existing.Select(e => e.Id))
        {
            foreach (var (kind, line) in LineOf)
            {
                var asked = operations.Where(o => o.Kind == kind && (o.EncounterId == encounterId || o.OtherEncounterId == encounterId)).ToList();
                var (acknowledged, unknown) = (asked.Count(o => o.Outcome == Outcome.Acknowledged), asked.Count(o => o.Outcome == Outcome.Unknown));
                var found = lines[encounterId].Count(l => l.Kind == line);
                if (found < acknowledged || found > acknowledged + unknown)
                {
                    violations.Add($"admission {encounterId} has {found} {line} lines; {acknowledged} acknowledged and {unknown} unknown {kind} operations");
                }
            }
        }
    }
}
