using System.Text.Json;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// Units are conserved across bins, lot by lot: what each lot holds in all bins together is what was restocked into it
/// less what was consumed from it, as the journal says; every acknowledged consumption and restock is in the journal
/// exactly once (found by its tag), an unknown one at most once; and each bin agrees with itself.
/// </summary>
public static class StockChecks
{
    public static void Check(HospitalSnapshot snapshot, SmallHospital hospital, IReadOnlyList<Operation> operations, List<string> violations)
    {
        foreach (var bin in snapshot.Bins.Values)
        {
            var lots = bin.Lots.Sum(l => l.Quantity);
            var status = bin.OnHand == 0 ? "Out" : bin.OnHand <= bin.ReorderPoint ? "Low" : "Ok";
            if (bin.OnHand != lots || bin.OnHand < 0 || bin.Lots.Any(l => l.Quantity < 0) || bin.Status != status)
            {
                violations.Add($"bin {bin.Id} shows {bin.OnHand} on hand ({bin.Status}) and lots of {lots}");
            }
        }

        var binIds = hospital.BinIds.ToHashSet();
        var consumed = snapshot.Journal["StockConsumed"].Where(l => binIds.Contains(l.EntityId)).ToList();
        var restocked = snapshot.Journal["StockRestocked"].Where(l => binIds.Contains(l.EntityId)).ToList();
        Tagged(operations, OperationKind.Consume, consumed, l => Text(l.Payload, "reason"), violations);
        Tagged(operations, OperationKind.Restock, restocked, l => RestockedLot(l.Payload), violations);

        var expected = new Dictionary<string, int>();
        foreach (var line in restocked)
        {
            var lot = RestockedLot(line.Payload)!;
            expected[lot] = expected.GetValueOrDefault(lot) + line.Payload.GetProperty("quantity").GetInt32();
        }

        foreach (var taken in consumed.SelectMany(l => l.Payload.GetProperty("lots").EnumerateArray()))
        {
            var lot = Text(taken, "lot")!;
            expected[lot] = expected.GetValueOrDefault(lot) - taken.GetProperty("quantity").GetInt32();
        }

        var held = snapshot.Bins.Values.SelectMany(b => b.Lots).GroupBy(l => l.Lot).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        foreach (var lot in expected.Keys.Union(held.Keys).Order(StringComparer.Ordinal))
        {
            if (expected.GetValueOrDefault(lot) != held.GetValueOrDefault(lot))
            {
                violations.Add($"lot {lot}: bins hold {held.GetValueOrDefault(lot)} units, the journal's restocks less consumption leave {expected.GetValueOrDefault(lot)}");
            }
        }

        // Without the journal: the acknowledged movements bound the total, the unknown ones decide where in between.
        int Sum(OperationKind kind, Outcome outcome) => operations.Where(o => o.Kind == kind && o.Outcome == outcome).Sum(o => o.Quantity);
        var total = snapshot.Bins.Values.Sum(b => b.OnHand);
        var least = hospital.InitialUnits + Sum(OperationKind.Restock, Outcome.Acknowledged) - Sum(OperationKind.Consume, Outcome.Acknowledged) - Sum(OperationKind.Consume, Outcome.Unknown);
        var most = hospital.InitialUnits + Sum(OperationKind.Restock, Outcome.Acknowledged) + Sum(OperationKind.Restock, Outcome.Unknown) - Sum(OperationKind.Consume, Outcome.Acknowledged);
        if (total < least || total > most)
        {
            violations.Add($"bins hold {total} units in all; acknowledged and unknown restocks and consumption allow {least}..{most}");
        }
    }

    private static void Tagged(IReadOnlyList<Operation> operations, OperationKind kind, List<JournalLine> lines, Func<JournalLine, string?> tagOf, List<string> violations)
    {
        var byTag = lines.ToLookup(tagOf);
        foreach (var op in operations.Where(o => o.Kind == kind))
        {
            var found = byTag[op.Tag].ToList();
            var allowed = op.Outcome switch { Outcome.Acknowledged => (1, 1), Outcome.Unknown => (0, 1), _ => (0, 0) };
            if (found.Count < allowed.Item1 || found.Count > allowed.Item2)
            {
                violations.Add($"{op.Outcome} {kind} {op.Tag} of {op.Quantity} at {op.BinId} is in the journal {found.Count} times");
            }
            else if (found.Count == 1 && (found[0].EntityId != op.BinId || found[0].Payload.GetProperty("quantity").GetInt32() != op.Quantity))
            {
                violations.Add($"{kind} {op.Tag} is journaled as {found[0].Payload.GetProperty("quantity")} at {found[0].EntityId}, asked {op.Quantity} at {op.BinId}");
            }
        }
    }

    private static string? Text(JsonElement element, string property) => WardBoard.Text(element, property);

    /// <summary>The lot a restock added: <c>lots[0].lot</c> (a typed stock event), or <c>lot</c> in lines written before.</summary>
    private static string? RestockedLot(JsonElement payload) =>
        payload.TryGetProperty("lots", out var lots) && lots.ValueKind == JsonValueKind.Array && lots.GetArrayLength() > 0
            ? Text(lots[0], "lot")
            : Text(payload, "lot");
}
