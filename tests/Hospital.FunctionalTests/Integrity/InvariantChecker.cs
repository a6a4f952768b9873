namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// After traffic and kills: waits until the platform has settled, then lists every broken invariant, in words. An
/// operation whose outcome is unknown (the kill cut the answer) may have happened or not, never in part; everything
/// acknowledged must be there exactly once.
/// </summary>
public static class InvariantChecker
{
    /// <summary>Bin alert kinds and NEWS2: the conditions checked; others (e.g. ObservationsOverdue, which a reminder raises on time) are ignored.</summary>
    public static readonly string[] CheckedAlertKinds = ["OutOfStock", "LowStock", "LowDaysOfSupply", "Expiring", "Expired", "News2"];

    /// <summary><c>Hospital:Inventory:LowDaysOfSupply</c> at its default: the processes are started without it.</summary>
    private const double LowDaysOfSupply = 3;

    /// <summary>
    /// Reads the hospital until two reads a second apart agree (what a restart left half-done is finished when its grains
    /// activate, which the first reads cause), then checks the last read.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(ApiSession api, SmallHospital hospital, OperationLedger ledger, TimeSpan? settleWithin = null)
    {
        var known = ledger.All.SelectMany(o => new[] { o.EncounterId, o.OtherEncounterId }).OfType<string>().Distinct().ToList();
        var deadline = DateTime.UtcNow + (settleWithin ?? TimeSpan.FromSeconds(45));
        var snapshot = await HospitalSnapshot.ReadAsync(api, hospital, known);
        while (true)
        {
            await Task.Delay(1000);
            var next = await HospitalSnapshot.ReadAsync(api, hospital, known);
            var settled = next.Digest() == snapshot.Digest();
            snapshot = next;
            if (settled || DateTime.UtcNow > deadline)
            {
                var violations = Check(snapshot, hospital, ledger);
                return settled ? violations : [$"the hospital kept changing without traffic for {settleWithin ?? TimeSpan.FromSeconds(45)}", .. violations];
            }
        }
    }

    public static List<string> Check(HospitalSnapshot snapshot, SmallHospital hospital, OperationLedger ledger)
    {
        var violations = new List<string>();
        var operations = ledger.All;
        BedChecks.Check(snapshot, violations);
        CensusChecks.Check(snapshot, hospital, violations);
        JournalChecks.Check(snapshot, operations, violations);
        StockChecks.Check(snapshot, hospital, operations, violations);
        BillingChecks.Check(snapshot, violations);
        AlertChecks(snapshot, violations);
        if (snapshot.AuditProblem is { } problem)
        {
            violations.Add(problem);
        }

        return violations;
    }

    /// <summary>Each condition that holds has exactly one active alert; none is active for a condition that does not hold.</summary>
    private static void AlertChecks(HospitalSnapshot snapshot, List<string> violations)
    {
        var expected = new Dictionary<string, string>();
        foreach (var bin in snapshot.Bins.Values)
        {
            if (bin.OnHand == 0)
            {
                expected[$"OutOfStock|{bin.Id}"] = "Critical";
            }
            else if (bin.OnHand <= bin.ReorderPoint)
            {
                expected[$"LowStock|{bin.Id}"] = "Warning";
            }

            if (bin.OnHand > 0 && bin.DaysOfSupply is { } days && days < LowDaysOfSupply)
            {
                expected[$"LowDaysOfSupply|{bin.Id}"] = "Warning";
            }
        }

        foreach (var (mrn, risk) in snapshot.LatestRisk.Where(r => r.Value != "Low"))
        {
            expected[$"News2|{mrn}"] = risk == "High" ? "Critical" : "Warning";
        }

        var active = snapshot.ActiveAlerts.Where(a => CheckedAlertKinds.Contains(a.Kind)).ToLookup(a => a.Key);
        foreach (var (key, severity) in expected)
        {
            var alerts = active[key].ToList();
            if (alerts.Count != 1)
            {
                violations.Add($"condition {key} holds but has {alerts.Count} active alerts");
            }
            else if (alerts[0].Severity != severity)
            {
                violations.Add($"alert {alerts[0].Id} for {key} is {alerts[0].Severity}, the condition is {severity}");
            }
        }

        foreach (var alert in active.Where(g => !expected.ContainsKey(g.Key)).SelectMany(g => g))
        {
            violations.Add($"alert {alert.Id} ({alert.Key}) is {alert.Status} but its condition does not hold");
        }
    }
}
