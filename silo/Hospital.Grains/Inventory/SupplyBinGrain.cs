using System.Globalization;
using Hospital.Contracts.Alerts;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Inventory;
using Hospital.Contracts.Journal;
using Hospital.Grains.Journal;
using Microsoft.Extensions.Options;

namespace Hospital.Grains.Inventory;

public sealed class SupplyBinGrain(
    [PersistentState("supply-bin", HospitalStorage.Name)] IPersistentState<SupplyBinState> state,
    IJournal journal,
    HospitalTime clock,
    IOptions<InventoryOptions> options) : Grain, ISupplyBinGrain, IRemindable
{
    private const string ExpiryCheck = "expiry-check";
    private const int UseDaysKept = 30;
    private const int RateDays = 7;
    /// <summary>A day's tally of use stops here, so a week's sum stays within an int.</summary>
    private const int MaxDailyUse = 100 * StockLimits.MaxQuantity;

    private string BinId => this.GetPrimaryKeyString();

    private SupplyBin Current => state.State.Bin ?? throw HospitalException.NotFound("Supply bin", BinId);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Catch up with the calendar (lots that expired while inactive) just after activation, never during it: the
        // location may be activating and waiting on this bin.
        if (state.State.Bin is { Lots.Count: > 0 })
        {
            this.RegisterGrainTimer(async () =>
            {
                await Reassess();
            }, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Timeout.InfiniteTimeSpan });
        }

        return Task.CompletedTask;
    }

    public async Task<SupplyBin> Create(BinSpec spec)
    {
        if (state.State.Bin is not null)
        {
            throw HospitalException.Conflict("Supply bin already exists", $"Supply bin '{BinId}' already exists.");
        }

        CheckLevels(spec.Par, spec.ReorderPoint);
        var item = await GrainFactory.GetGrain<IItemCatalogGrain>(0).Ensure(spec.Item);
        var bin = new SupplyBin(BinId, spec.LocationId, item.Sku, item.Name, item.Unit, 0, spec.Par, spec.ReorderPoint, [],
            StockStatus.Out, 0, null, 0, 0, clock.GetUtcNow(), item.Category);
        return await Change(bin, [], "SupplyBinCreated", new { spec.LocationId, item.Sku, spec.Par, spec.ReorderPoint });
    }

    public Task<SupplyBin?> Get() => Task.FromResult(state.State.Bin);

    public async Task<SupplyBin> Consume(int quantity, string? mrn, string? reason)
    {
        CheckQuantity("quantity", quantity);
        var bin = Current;
        var (taken, left) = Take(bin, quantity, "consume");
        var use = state.State.DailyUse.ToDictionary();
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        use[today] = (int)Math.Min(MaxDailyUse, (long)use.GetValueOrDefault(today) + quantity);
        state.State = state.State with { DailyUse = use.OrderByDescending(u => u.Key).Take(UseDaysKept).ToDictionary() };
        return await Change(bin with { Lots = left }, taken, "StockConsumed", new { quantity, lots = taken, reason }, mrn);
    }

    public async Task<SupplyBin> Restock(int quantity, string lot, DateOnly expiry)
    {
        var bin = Current;
        if (expiry < Today)
        {
            throw HospitalException.Invalid("expiry", $"Lot '{lot}' expired on {expiry:yyyy-MM-dd}; expired stock cannot be restocked.");
        }

        CheckQuantity("quantity", quantity);
        CheckRoom(bin, quantity);

        return await Change(bin with { Lots = Merge(bin.Lots, [new StockLot(lot, expiry, quantity)]) }, [], "StockRestocked", new { quantity, lot, expiry });
    }

    public async Task<SupplyBin> CycleCount(IReadOnlyList<StockLot> counted, string reason)
    {
        var bin = Current;
        foreach (var lot in counted)
        {
            CheckQuantity("lots", lot.Quantity, min: 0);
        }

        if (counted.Sum(l => (long)l.Quantity) > StockLimits.MaxQuantity)
        {
            throw HospitalException.Invalid("lots", $"A bin holds at most {StockLimits.MaxQuantity} units in all.");
        }

        var lots = Merge([], counted);
        return await Change(bin with { Lots = lots }, [], "StockCounted", new
        {
            reason, before = bin.Lots, after = lots, difference = lots.Sum(l => l.Quantity) - bin.OnHand,
        });
    }

    public async Task<SupplyBin> TransferTo(string targetBinId, int quantity)
    {
        CheckQuantity("quantity", quantity);
        var bin = Current;
        if (targetBinId == BinId)
        {
            throw HospitalException.Invalid("toBinId", "A bin cannot transfer to itself.");
        }

        var target = GrainFactory.GetGrain<ISupplyBinGrain>(targetBinId);
        var targetBin = await target.Get() ?? throw HospitalException.NotFound("Supply bin", targetBinId);
        if (targetBin.Sku != bin.Sku)
        {
            throw HospitalException.Conflict("Different item", $"Bin '{targetBinId}' holds {targetBin.Sku}, not {bin.Sku}.");
        }

        var (taken, left) = Take(bin, quantity, "transfer");
        var after = await Change(bin with { Lots = left }, taken, "StockTransferredOut", new { quantity, toBinId = targetBinId, lots = taken });
        try
        {
            await target.Receive(taken, BinId);
        }
        catch
        {
            // The receiving bin refused or failed: the units come back.
            after = await Change(Current with { Lots = Merge(Current.Lots, taken) }, [], "StockTransferReverted", new { quantity, toBinId = targetBinId });
            throw;
        }

        return after;
    }

    public async Task<SupplyBin> Receive(IReadOnlyList<StockLot> lots, string fromBinId)
    {
        var bin = Current;
        CheckRoom(bin, lots.Sum(l => (long)l.Quantity));
        return await Change(bin with { Lots = Merge(bin.Lots, lots) }, [], "StockTransferredIn", new { fromBinId, lots, quantity = lots.Sum(l => l.Quantity) });
    }

    public async Task<SupplyBin> SetLevels(int par, int reorderPoint)
    {
        CheckLevels(par, reorderPoint);
        var bin = Current;
        return bin.Par == par && bin.ReorderPoint == reorderPoint
            ? bin
            : await Change(bin with { Par = par, ReorderPoint = reorderPoint }, [], "StockLevelsChanged", new { par, reorderPoint, before = new { bin.Par, bin.ReorderPoint } });
    }

    public async Task<SupplyBin> DisposeExpired()
    {
        var bin = Current;
        var expired = bin.Lots.Where(l => l.Expiry < Today).ToList();
        return expired.Count == 0
            ? bin
            : await Change(bin with { Lots = bin.Lots.Except(expired).ToList() }, expired, "StockDisposed", new { lots = expired, quantity = expired.Sum(l => l.Quantity) });
    }

    public async Task<SupplyBin> Reassess()
    {
        var bin = Current;
        var fresh = Derive(bin);
        if (fresh with { Version = bin.Version, UpdatedAt = bin.UpdatedAt } == bin && AlertsMatch(fresh))
        {
            return bin;
        }

        return await Change(bin, [], "StockReassessed", new { fresh.DaysOfSupply, expired = fresh.Lots.Count(l => l.Expiry < Today) });
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Reassess();

    private static void CheckQuantity(string field, int quantity, int min = 1)
    {
        if (quantity < min || quantity > StockLimits.MaxQuantity)
        {
            throw HospitalException.Invalid(field, $"The {field} must be between {min} and {StockLimits.MaxQuantity}.");
        }
    }

    private static void CheckLevels(int par, int reorderPoint)
    {
        CheckQuantity("par", par, min: 0);
        if (reorderPoint < 0 || reorderPoint > par)
        {
            throw HospitalException.Invalid("reorderPoint", "The reorderPoint must be between 0 and par.");
        }
    }

    /// <summary>A bin holds at most <see cref="StockLimits.MaxQuantity"/> units: more is a conflict with what it holds now.</summary>
    private void CheckRoom(SupplyBin bin, long adding)
    {
        if (bin.OnHand + adding > StockLimits.MaxQuantity)
        {
            throw HospitalException.Conflict("Bin full",
                $"Bin '{BinId}' holds {bin.OnHand} {bin.Unit}; adding {adding} would exceed {StockLimits.MaxQuantity}.");
        }
    }

    /// <summary>Usable (unexpired) lots, earliest expiry first, until <paramref name="quantity"/> is covered; else 409.</summary>
    private (List<StockLot> Taken, List<StockLot> Left) Take(SupplyBin bin, int quantity, string verb)
    {
        var today = Today;
        var usable = bin.Lots.Where(l => l.Expiry >= today).Sum(l => l.Quantity);
        if (quantity > usable)
        {
            var expired = bin.OnHand - usable;
            throw HospitalException.Conflict("Not enough stock",
                $"Cannot {verb} {quantity} {bin.Unit}: {usable} usable in bin '{BinId}'" + (expired > 0 ? $" ({expired} more expired)." : "."));
        }

        var taken = new List<StockLot>();
        var left = new List<StockLot>();
        var remaining = quantity;
        foreach (var lot in bin.Lots.OrderBy(l => l.Expiry < today).ThenBy(l => l.Expiry).ThenBy(l => l.Lot, StringComparer.Ordinal))
        {
            var take = lot.Expiry >= today ? Math.Min(remaining, lot.Quantity) : 0;
            remaining -= take;
            if (take > 0)
            {
                taken.Add(lot with { Quantity = take });
            }

            if (lot.Quantity - take > 0)
            {
                left.Add(lot with { Quantity = lot.Quantity - take });
            }
        }

        return (taken, left);
    }

    /// <summary>Adds lots, combining the same lot and expiry; lots at zero disappear.</summary>
    private static List<StockLot> Merge(IEnumerable<StockLot> lots, IEnumerable<StockLot> more) =>
        lots.Concat(more)
            .GroupBy(l => (l.Lot, l.Expiry))
            .Select(g => new StockLot(g.Key.Lot, g.Key.Expiry, g.Sum(l => l.Quantity)))
            .Where(l => l.Quantity > 0)
            .OrderBy(l => l.Expiry).ThenBy(l => l.Lot, StringComparer.Ordinal)
            .ToList();

    /// <summary>Everything computed from the lots and recent use.</summary>
    private SupplyBin Derive(SupplyBin bin)
    {
        var onHand = bin.Lots.Sum(l => l.Quantity);
        var usable = bin.Lots.Where(l => l.Expiry >= Today).Sum(l => l.Quantity);
        var since = Today.AddDays(-(RateDays - 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rate = state.State.DailyUse.Where(u => string.CompareOrdinal(u.Key, since) >= 0).Sum(u => u.Value) / (double)RateDays;
        var status = onHand == 0 ? StockStatus.Out : onHand <= bin.ReorderPoint ? StockStatus.Low : StockStatus.Ok;
        return bin with
        {
            OnHand = onHand, Status = status, ConsumptionPerDay = Math.Round(rate, 3),
            DaysOfSupply = rate > 0 ? Math.Round(usable / rate, 2) : null,
            SuggestedOrder = onHand <= bin.ReorderPoint ? Math.Max(0, bin.Par - onHand) : 0,
        };
    }

    private async Task<SupplyBin> Change(SupplyBin next, IReadOnlyList<StockLot> moved, string kind, object payload, string? mrn = null)
    {
        var before = state.State.Bin;
        var bin = Derive(next) with { Version = (before?.Version ?? 0) + 1, UpdatedAt = clock.GetUtcNow() };
        var wantReminder = bin.Lots.Count > 0;
        if (wantReminder != state.State.ExpiryReminder)
        {
            if (wantReminder)
            {
                await this.RegisterOrUpdateReminder(ExpiryCheck, options.Value.ExpiryCheckPeriod, options.Value.ExpiryCheckPeriod);
            }
            else if (await this.GetReminder(ExpiryCheck) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }

        var conditions = Conditions(bin);
        var raised = conditions.Select(c => c.Key).ToList();
        var toResolve = state.State.RaisedAlerts.Except(raised).ToList();
        var toRaise = conditions.Where(c => !state.State.RaisedAlerts.Contains(c.Key)).ToList();
        state.State = state.State with { Bin = bin, RaisedAlerts = raised, ExpiryReminder = wantReminder };
        await Task.WhenAll(state.WriteStateAsync(), journal.RecordAsync(kind, BinId, mrn, payload));
        await GrainFactory.GetGrain<ISupplyLocationGrain>(bin.LocationId).BinChanged(bin);

        // The bin's own record of what it raised is durable first; a crash before the alerts grain hears it is
        // repaired by the next reassessment, which compares the two again.
        var alerts = GrainFactory.GetGrain<IAlertsGrain>(0);
        foreach (var key in toResolve)
        {
            await alerts.Resolve(key);
        }

        foreach (var condition in toRaise)
        {
            await alerts.Raise(condition);
        }

        return bin;
    }

    private bool AlertsMatch(SupplyBin bin) => Conditions(bin).Select(c => c.Key).ToHashSet().SetEquals(state.State.RaisedAlerts);

    /// <summary>The alert conditions that hold for the bin as it is now.</summary>
    private List<AlertCondition> Conditions(SupplyBin bin)
    {
        var conditions = new List<AlertCondition>();
        AlertCondition Condition(string kind, AlertSeverity severity, string message, string? detail = null) =>
            new(kind, severity, bin.LocationId, BinId, message, detail);

        if (bin.Status == StockStatus.Out)
        {
            conditions.Add(Condition("OutOfStock", AlertSeverity.Critical, $"{bin.Name} ({BinId}) at {bin.LocationId} is out of stock."));
        }
        else if (bin.Status == StockStatus.Low)
        {
            conditions.Add(Condition("LowStock", AlertSeverity.Warning,
                $"{bin.Name} ({BinId}) at {bin.LocationId} is at or below its reorder point of {bin.ReorderPoint} {bin.Unit}; order up to par {bin.Par}."));
        }

        var today = Today;
        foreach (var lot in bin.Lots)
        {
            var detail = $"{lot.Lot}|{lot.Expiry:yyyy-MM-dd}";
            if (lot.Expiry < today)
            {
                conditions.Add(Condition("Expired", AlertSeverity.Critical,
                    $"Lot {lot.Lot} of {bin.Name} ({BinId}) expired on {lot.Expiry:yyyy-MM-dd}; remove it from use.", detail));
            }
            else if (lot.Expiry <= today.AddDays(options.Value.ExpiringWithinDays))
            {
                conditions.Add(Condition("Expiring", AlertSeverity.Warning,
                    $"Lot {lot.Lot} of {bin.Name} ({BinId}) expires on {lot.Expiry:yyyy-MM-dd}.", detail));
            }
        }

        if (bin.Status != StockStatus.Out && bin.DaysOfSupply is { } days && days < options.Value.LowDaysOfSupply)
        {
            conditions.Add(Condition("LowDaysOfSupply", AlertSeverity.Warning,
                $"{bin.Name} ({BinId}) at {bin.LocationId} has less than {options.Value.LowDaysOfSupply} days of supply at the current rate of use."));
        }

        return conditions;
    }
}
