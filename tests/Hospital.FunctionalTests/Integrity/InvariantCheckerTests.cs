using System.Text.Json;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// The checks on hand-made snapshots: a consistent hospital passes whatever unknown operations did or did not do, and
/// each kind of damage a crash can leave is named.
/// </summary>
public sealed class InvariantCheckerTests
{
    private static readonly SmallHospital Hospital = new(["W1"], ["W1-01", "W1-02"], ["M1", "M2"], ["B1", "B2"], 40);

    /// <summary>M1 admitted (E1) in W1-01; W1-02 dirty; bins at 20 and 15 after a consumption of 5 from B2.</summary>
    private static HospitalSnapshot Consistent()
    {
        var snapshot = new HospitalSnapshot();
        snapshot.Beds["W1-01"] = new BedView("W1-01", "W1", "Occupied", "M1", "E1", 3);
        snapshot.Beds["W1-02"] = new BedView("W1-02", "W1", "Dirty", null, null, 2);
        snapshot.Boards["W1"] = new() { ["W1-01"] = "Occupied", ["W1-02"] = "Dirty" };
        var counts = new Dictionary<string, int> { ["total"] = 2, ["available"] = 0, ["reserved"] = 0, ["occupied"] = 1, ["dirty"] = 1, ["cleaning"] = 0, ["blocked"] = 0, ["pendingAdmissions"] = 0 };
        snapshot.Census["W1"] = counts;
        snapshot.Census[""] = new(counts);
        snapshot.Queued["W1"] = 0;
        snapshot.Encounters["E1"] = new EncounterView("E1", "M1", "InProgress", "W1-01", 2);
        snapshot.CurrentEncounter["M1"] = "E1";
        snapshot.CurrentEncounter["M2"] = null;
        snapshot.LatestRisk["M1"] = "High";
        snapshot.Bins["B1"] = new BinView("B1", 20, "Ok", 10, null, [new LotView("INITIAL", 20)], 2);
        snapshot.Bins["B2"] = new BinView("B2", 15, "Ok", 10, null, [new LotView("INITIAL", 15)], 3);
        snapshot.ActiveAlerts.Add(new AlertView("A1", "News2", "M1", "News2|M1", "Critical", "Open"));
        foreach (var kind in HospitalSnapshot.AdtKinds.Concat(HospitalSnapshot.StockKinds))
        {
            snapshot.Journal[kind] = [];
        }

        snapshot.Journal["Admitted"].Add(Line(1, "Admitted", "E1", new { bedId = "W1-01" }));
        snapshot.Journal["StockRestocked"].Add(Line(2, "StockRestocked", "B1", new { quantity = 20, lot = "INITIAL" }));
        snapshot.Journal["StockRestocked"].Add(Line(3, "StockRestocked", "B2", new { quantity = 20, lot = "INITIAL" }));
        snapshot.Journal["StockConsumed"].Add(Line(4, "StockConsumed", "B2", new { quantity = 5, reason = "crash-op-3", lots = new[] { new { lot = "INITIAL", quantity = 5 } } }));
        return snapshot;
    }

    private static OperationLedger Ledger(params Operation[] extra)
    {
        var ledger = new OperationLedger();
        ledger.Add(new Operation(1, OperationKind.Admit, Outcome.Acknowledged, "M1", "E1"));
        ledger.Add(new Operation(2, OperationKind.Admit, Outcome.Unknown, "M2"));
        ledger.Add(new Operation(3, OperationKind.Consume, Outcome.Unknown, BinId: "B2", Quantity: 5, Tag: "crash-op-3"));
        ledger.Add(new Operation(4, OperationKind.Transfer, Outcome.Unknown, "M1", "E1"));
        foreach (var operation in extra)
        {
            ledger.Add(operation);
        }

        return ledger;
    }

    private static JournalLine Line(long sequence, string kind, string entityId, object payload) =>
        new(sequence, kind, entityId, null, JsonSerializer.SerializeToElement(payload));

    [Fact]
    public void AConsistentHospitalPassesWhateverTheUnknownOperationsDid() =>
        Assert.Empty(InvariantChecker.Check(Consistent(), Hospital, Ledger()));

    [Fact]
    public void AnAcknowledgedConsumptionMissingFromTheJournalIsAViolation()
    {
        var violations = InvariantChecker.Check(Consistent(), Hospital, Ledger(new Operation(5, OperationKind.Consume, Outcome.Acknowledged, BinId: "B1", Quantity: 2, Tag: "crash-op-5")));

        Assert.Contains(violations, v => v.Contains("crash-op-5"));
    }

    [Fact]
    public void UnitsThatLeftOneBinAndReachedNoOtherAreAViolation()
    {
        var snapshot = Consistent();
        snapshot.Bins["B1"] = snapshot.Bins["B1"] with { OnHand = 17, Lots = [new LotView("INITIAL", 17)] };

        Assert.Contains(InvariantChecker.Check(snapshot, Hospital, Ledger()), v => v.StartsWith("lot INITIAL"));
    }

    [Fact]
    public void ABedHeldByADischargedAdmissionIsAViolation()
    {
        var snapshot = Consistent();
        snapshot.Encounters["E1"] = snapshot.Encounters["E1"]! with { Status = "Finished" };
        snapshot.Journal["Discharged"].Add(Line(5, "Discharged", "E1", new { bedId = "W1-01" }));

        Assert.Contains(InvariantChecker.Check(snapshot, Hospital, Ledger(new Operation(5, OperationKind.Discharge, Outcome.Acknowledged, "M1", "E1"))),
            v => v == "bed W1-01 is Occupied by admission E1, which is Finished");
    }

    [Fact]
    public void AHighNews2WithoutItsAlertAndAStaleStockAlertAreViolations()
    {
        var snapshot = Consistent();
        snapshot.ActiveAlerts.Clear();
        snapshot.ActiveAlerts.Add(new AlertView("A2", "OutOfStock", "B1", "OutOfStock|B1", "Critical", "Open"));

        var violations = InvariantChecker.Check(snapshot, Hospital, Ledger());

        Assert.Contains("condition News2|M1 holds but has 0 active alerts", violations);
        Assert.Contains(violations, v => v.StartsWith("alert A2 (OutOfStock|B1)"));
    }

    [Fact]
    public void ATransferJournaledTwiceForOneUnknownRequestIsAViolation()
    {
        var snapshot = Consistent();
        snapshot.Journal["Transferred"].Add(Line(5, "Transferred", "E1", new { bedId = "W1-01" }));
        snapshot.Journal["Transferred"].Add(Line(6, "Transferred", "E1", new { bedId = "W1-01" }));

        Assert.Contains("admission E1 has 2 Transferred lines; 0 acknowledged and 1 unknown Transfer operations", InvariantChecker.Check(snapshot, Hospital, Ledger()));
    }

    [Fact]
    public void CensusCountsThatDisagreeWithTheBedsAreAViolation()
    {
        var snapshot = Consistent();
        snapshot.Census["W1"] = new(snapshot.Census["W1"]) { ["occupied"] = 2, ["dirty"] = 0 };

        Assert.Contains(InvariantChecker.Check(snapshot, Hospital, Ledger()), v => v.StartsWith("ward W1 census counts occupied 2 (beds: 1), dirty 0 (beds: 1)"));
    }
}
