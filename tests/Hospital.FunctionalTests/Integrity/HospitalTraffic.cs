using System.Collections.Concurrent;
using System.Text.Json;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// One random operation at a time from the mix a crash test drives: ADT (admissions, queue placements, transfers,
/// discharges, cancels, swaps including opposite pairs at once), bed status, vitals with NEWS2, and stock (consumption,
/// restock, transfers including A->B with B->A at once). Every request goes into the ledger with its outcome.
/// </summary>
public sealed class HospitalTraffic(ApiSession api, SmallHospital hospital, WardBoard board, OperationLedger ledger, double pairChance)
{
    private static readonly (OperationKind Kind, int Weight)[] Mix =
    [
        (OperationKind.Admit, 14), (OperationKind.QueueAdmission, 4), (OperationKind.PlaceFromQueue, 5), (OperationKind.Transfer, 10),
        (OperationKind.Discharge, 9), (OperationKind.CancelAdmission, 2), (OperationKind.CancelTransfer, 3), (OperationKind.CancelDischarge, 3),
        (OperationKind.Swap, 7), (OperationKind.BedStatus, 14), (OperationKind.Vitals, 10), (OperationKind.Consume, 8),
        (OperationKind.Restock, 3), (OperationKind.StockTransfer, 8),
    ];

    /// <summary>NEWS2 0 (Low), 5 (Medium) and 13 (High).</summary>
    private static readonly object[] VitalSets =
    [
        new { respiratoryRate = 16, spo2 = 98, onOxygen = false, systolicBp = 120, pulse = 70, consciousness = "A", temperature = 36.8 },
        new { respiratoryRate = 22, spo2 = 95, onOxygen = false, systolicBp = 105, pulse = 95, consciousness = "A", temperature = 37.0 },
        new { respiratoryRate = 25, spo2 = 91, onOxygen = true, systolicBp = 95, pulse = 120, consciousness = "A", temperature = 38.5 },
    ];

    private readonly ConcurrentDictionary<string, byte> _discharged = new();

    public Task NextAsync(Random random)
    {
        var pick = random.Next(Mix.Sum(m => m.Weight));
        var kind = Mix.First(m => (pick -= m.Weight) < 0).Kind;
        return kind switch
        {
            OperationKind.Admit => AdmitAsync(random),
            OperationKind.QueueAdmission => QueueAsync(random),
            OperationKind.PlaceFromQueue => PlaceAsync(random),
            OperationKind.Transfer => TransferAsync(random),
            OperationKind.Discharge => OnEncounterAsync(random, OperationKind.Discharge, "discharge"),
            OperationKind.CancelAdmission => OnEncounterAsync(random, OperationKind.CancelAdmission, "cancel"),
            OperationKind.CancelTransfer => OnEncounterAsync(random, OperationKind.CancelTransfer, "cancel-transfer"),
            OperationKind.CancelDischarge => CancelDischargeAsync(random),
            OperationKind.Swap => SwapAsync(random),
            OperationKind.BedStatus => BedStatusAsync(random),
            OperationKind.Vitals => VitalsAsync(random),
            OperationKind.Consume => ConsumeAsync(random),
            OperationKind.Restock => RestockAsync(random),
            _ => StockTransferAsync(random),
        };
    }

    private async Task AdmitAsync(Random random)
    {
        if (FreePatient(random) is not { } mrn || Bed(random, "Available") is not { } bed)
        {
            return;
        }

        var id = ledger.NextId();
        var (outcome, body) = await api.PostAsync("/api/admissions", new { mrn, bedId = bed.Id });
        ledger.Add(new Operation(id, OperationKind.Admit, outcome, mrn, EncounterIdOf(outcome, body)));
    }

    private async Task QueueAsync(Random random)
    {
        if (FreePatient(random) is not { } mrn)
        {
            return;
        }

        var id = ledger.NextId();
        var (outcome, _) = await api.PostAsync($"/api/wards/{Pick(random, hospital.WardIds)}/pending-admissions", new { mrn, priority = "Routine" });
        ledger.Add(new Operation(id, OperationKind.QueueAdmission, outcome, mrn));
    }

    private async Task PlaceAsync(Random random)
    {
        if (board.Queued is not { Count: > 0 } queued)
        {
            return;
        }

        var request = Pick(random, queued);
        if (Bed(random, "Available", request.WardId) is not { } bed)
        {
            return;
        }

        var id = ledger.NextId();
        var (outcome, body) = await api.PostAsync($"/api/wards/{request.WardId}/pending-admissions/{request.Id}/place", new { bedId = bed.Id });
        ledger.Add(new Operation(id, OperationKind.PlaceFromQueue, outcome, request.Mrn, EncounterIdOf(outcome, body)));
    }

    private async Task TransferAsync(Random random)
    {
        if (Bed(random, "Occupied") is not { EncounterId: { } encounterId } from || Bed(random, "Available") is not { } to)
        {
            return;
        }

        var id = ledger.NextId();
        var (outcome, _) = await api.PostAsync($"/api/admissions/{encounterId}/transfer", new { bedId = to.Id });
        ledger.Add(new Operation(id, OperationKind.Transfer, outcome, from.Mrn, encounterId));
    }

    private async Task OnEncounterAsync(Random random, OperationKind kind, string action)
    {
        if (Bed(random, "Occupied") is not { EncounterId: { } encounterId } bed)
        {
            return;
        }

        var id = ledger.NextId();
        var (outcome, _) = await api.PostAsync($"/api/admissions/{encounterId}/{action}");
        ledger.Add(new Operation(id, kind, outcome, bed.Mrn, encounterId));
        if (kind == OperationKind.Discharge && outcome == Outcome.Acknowledged)
        {
            _discharged.TryAdd(encounterId, 0);
        }
    }

    private async Task CancelDischargeAsync(Random random)
    {
        if (_discharged.Keys.ToList() is not { Count: > 0 } discharged)
        {
            return;
        }

        var encounterId = Pick(random, discharged);
        var id = ledger.NextId();
        var (outcome, _) = await api.PostAsync($"/api/admissions/{encounterId}/cancel-discharge");
        ledger.Add(new Operation(id, OperationKind.CancelDischarge, outcome, null, encounterId));
        if (outcome == Outcome.Acknowledged)
        {
            _discharged.TryRemove(encounterId, out _);
        }
    }

    private async Task SwapAsync(Random random)
    {
        var occupied = board.Beds.Where(b => b is { Status: "Occupied", EncounterId: not null }).ToList();
        if (occupied.Count < 2)
        {
            return;
        }

        var a = Pick(random, occupied);
        var b = Pick(random, occupied.Where(o => o.Id != a.Id).ToList());
        var both = random.NextDouble() < pairChance;
        await Task.WhenAll(both ? [SwapAsync(a, b), SwapAsync(b, a)] : new[] { SwapAsync(a, b) });
    }

    private async Task SwapAsync(BoardBed mine, BoardBed other)
    {
        var id = ledger.NextId();
        var (outcome, _) = await api.PostAsync($"/api/admissions/{mine.EncounterId}/swap", new { otherEncounterId = other.EncounterId });
        ledger.Add(new Operation(id, OperationKind.Swap, outcome, mine.Mrn, mine.EncounterId, other.EncounterId));
    }

    private async Task BedStatusAsync(Random random)
    {
        var bed = board.Beds.Count == 0 ? null : Pick(random, board.Beds);
        var (status, reason) = bed?.Status switch
        {
            "Dirty" => (random.Next(2) == 0 ? "Cleaning" : "Available", (string?)null),
            "Cleaning" or "Blocked" => ("Available", null),
            "Available" when random.Next(6) == 0 => ("Blocked", "maintenance"),
            _ => (null, null),
        };
        if (status is null)
        {
            return;
        }

        var id = ledger.NextId();
        var (outcome, _) = await api.PostAsync($"/api/beds/{bed!.Id}/status", new { status, reason });
        ledger.Add(new Operation(id, OperationKind.BedStatus, outcome, Tag: $"{bed.Id}->{status}"));
    }

    private async Task VitalsAsync(Random random)
    {
        var mrn = Pick(random, hospital.Mrns);
        var id = ledger.NextId();
        var (outcome, _) = await api.PostAsync($"/api/patients/{mrn}/vitals", VitalSets[random.Next(VitalSets.Length)]);
        ledger.Add(new Operation(id, OperationKind.Vitals, outcome, mrn));
    }

    private async Task ConsumeAsync(Random random)
    {
        var (binId, quantity, id) = (Pick(random, hospital.BinIds), random.Next(1, 4), ledger.NextId());
        var tag = $"crash-op-{id}";
        // Half the units are used for a patient: charged to their admission's account when they are in hospital.
        var mrn = random.Next(2) == 0 ? Pick(random, hospital.Mrns) : null;
        var (outcome, _) = await api.PostAsync($"/api/supply-bins/{binId}/consume", new { quantity, reason = tag, mrn });
        ledger.Add(new Operation(id, OperationKind.Consume, outcome, BinId: binId, Quantity: quantity, Tag: tag));
    }

    private async Task RestockAsync(Random random)
    {
        var (binId, quantity, id) = (Pick(random, hospital.BinIds), random.Next(3, 9), ledger.NextId());
        var tag = $"L{id}";
        var (outcome, _) = await api.PostAsync($"/api/supply-bins/{binId}/restock", new { quantity, lot = tag, expiry = SmallHospital.Expiry });
        ledger.Add(new Operation(id, OperationKind.Restock, outcome, BinId: binId, Quantity: quantity, Tag: tag));
    }

    private async Task StockTransferAsync(Random random)
    {
        var from = Pick(random, hospital.BinIds);
        var to = Pick(random, hospital.BinIds.Where(b => b != from).ToList());
        var both = random.NextDouble() < pairChance;
        await Task.WhenAll(both ? [StockTransferAsync(from, to, random.Next(1, 6)), StockTransferAsync(to, from, random.Next(1, 6))]
            : new[] { StockTransferAsync(from, to, random.Next(1, 6)) });
    }

    private async Task StockTransferAsync(string from, string to, int quantity)
    {
        var id = ledger.NextId();
        var (outcome, _) = await api.PostAsync($"/api/supply-bins/{from}/transfer", new { toBinId = to, quantity });
        ledger.Add(new Operation(id, OperationKind.StockTransfer, outcome, BinId: from, ToBinId: to, Quantity: quantity));
    }

    private string? FreePatient(Random random)
    {
        var inBeds = board.Beds.Select(b => b.Mrn).ToHashSet();
        var free = hospital.Mrns.Where(m => !inBeds.Contains(m)).ToList();
        return free.Count == 0 ? null : Pick(random, free);
    }

    private BoardBed? Bed(Random random, string status, string? wardId = null)
    {
        var beds = board.Beds.Where(b => b.Status == status && (wardId is null || b.WardId == wardId)).ToList();
        return beds.Count == 0 ? null : Pick(random, beds);
    }

    private static string? EncounterIdOf(Outcome outcome, JsonElement body) =>
        outcome == Outcome.Acknowledged ? body.GetProperty("encounterId").GetString() : null;

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
