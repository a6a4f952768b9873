using System.Globalization;
using Hospital.Contracts.Alerts;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Changes;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Inventory;
using Hospital.Contracts.Medications;
using Hospital.Contracts.Patients;
using Hospital.Grains.Changes;
using Hospital.Grains.Common;
using Hospital.Grains.Journal;
using Microsoft.Extensions.Options;

namespace Hospital.Grains.Inventory;

/// <summary>
/// One supply bin. Every change commits the bin, its journal line and its messages (to its location, to the alert
/// register, and for a transfer to the target bin) in one transaction.
/// </summary>
public sealed class SupplyBinGrain(
    [PersistentState("supply-bin", HospitalStorage.Name)] IPersistentState<SupplyBinState> state,
    GrainChanges changes,
    HospitalTime clock,
    IOptions<InventoryOptions> options) : Grain, ISupplyBinGrain, IRemindable
{
    private const string ExpiryCheck = "expiry-check";
    private const int UseDaysKept = 30;
    private const int RateDays = 7;
    private const int TransfersKept = 500;

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

        StockLots.CheckLevels(spec.Par, spec.ReorderPoint);
        // Cataloguing is idempotent and harmless on its own: a crash before the bin's commit leaves an item without a bin.
        var item = await GrainFactory.GetGrain<IItemCatalogGrain>(0).Ensure(spec.Item);
        var bin = new SupplyBin(BinId, spec.LocationId, item.Sku, item.Name, item.Unit, 0, spec.Par, spec.ReorderPoint, [],
            StockStatus.Out, 0, null, 0, 0, clock.GetUtcNow(), item.Category);
        return await Change(bin, StockEventKind.SupplyBinCreated, e => e with { Par = spec.Par, ReorderPoint = spec.ReorderPoint });
    }

    public Task<SupplyBin?> Get() => Task.FromResult(state.State.Bin);

    public async Task<SupplyBin> Consume(int quantity, string? mrn, string? reason)
    {
        var bin = Current;
        var (taken, left) = StockLots.TakeUsable(bin, quantity, "consume", Today);
        // Used for a patient in hospital: charged to the admission's account, once (the source is this bin version).
        var chargeTo = mrn is null ? null : (await GrainFactory.GetGrain<IPatientGrain>(mrn).Get())?.CurrentEncounterId;
        CountUse(quantity);
        return await Change(bin with { Lots = left }, StockEventKind.StockConsumed, e => e with { Quantity = quantity, Lots = taken, Reason = reason }, mrn,
            charge: chargeTo is null ? null : version => new ChargeCapturedMessage(chargeTo,
                new ChargeCapture($"supply:{BinId}:{version}", ChargeSourceKind.Supply, bin.Sku, quantity, clock.GetUtcNow(), mrn!)));
    }

    public async Task<SupplyBin> Restock(int quantity, string lot, DateOnly expiry)
    {
        var bin = Current;
        StockLots.CheckQuantity(quantity);
        if (expiry < Today)
        {
            throw HospitalException.Invalid("expiry", $"Lot '{lot}' expired on {expiry:yyyy-MM-dd}; expired stock cannot be restocked.");
        }

        if (!StockLots.Fits(bin, quantity))
        {
            throw HospitalException.Conflict("Bin full", $"Bin '{BinId}' holds {bin.OnHand} {bin.Unit}; it cannot hold more than {StockLimits.MaxOnHand}.");
        }

        var added = new StockLot(lot, expiry, quantity);
        return await Change(bin with { Lots = StockLots.Merge(bin.Lots, [added]) }, StockEventKind.StockRestocked, e => e with { Quantity = quantity, Lots = [added] });
    }

    public async Task<SupplyBin> CycleCount(IReadOnlyList<StockLot> counted, string reason)
    {
        var bin = Current;
        if (counted.Any(l => l.Quantity < 0) || counted.Sum(l => (long)l.Quantity) > StockLimits.MaxOnHand)
        {
            throw HospitalException.Invalid("lots", $"Counted quantities must be 0 or more and total at most {StockLimits.MaxOnHand}.");
        }

        var lots = StockLots.Merge([], counted);
        return await Change(bin with { Lots = lots }, StockEventKind.StockCounted,
            e => e with { Quantity = lots.Sum(l => l.Quantity) - bin.OnHand, Lots = lots, Before = bin.Lots, Reason = reason });
    }

    /// <summary>
    /// Step 1 of a transfer: the removal and the message that gives the units to the target commit together, so the
    /// units are always in exactly one of: this bin, the outbox, the target. The message is posted, not awaited: this
    /// call returns once the commit is durable, and two bins transferring to each other at once never wait on each
    /// other. The target applies it within moments (or the sweeper delivers it after a crash).
    /// </summary>
    public async Task<SupplyBin> TransferTo(string targetBinId, int quantity)
    {
        var bin = Current;
        StockLots.CheckQuantity(quantity);
        if (targetBinId == BinId)
        {
            throw HospitalException.Invalid("toBinId", "A bin cannot transfer to itself.");
        }

        // Get interleaves with whatever the target is doing, so this read cannot wait on a transfer coming the other way.
        var targetBin = await GrainFactory.GetGrain<ISupplyBinGrain>(targetBinId).Get() ?? throw HospitalException.NotFound("Supply bin", targetBinId);
        if (targetBin.Sku != bin.Sku)
        {
            throw HospitalException.Conflict("Different item", $"Bin '{targetBinId}' holds {targetBin.Sku}, not {bin.Sku}.");
        }

        var (taken, left) = StockLots.TakeUsable(bin, quantity, "transfer", Today);
        var transfer = new StockTransferMessage("T" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant(), BinId, targetBinId, bin.Sku, taken);
        return await Change(bin with { Lots = left }, StockEventKind.StockTransferredOut,
            e => e with { Quantity = quantity, Lots = taken, ToBinId = targetBinId, TransferId = transfer.TransferId }, post: transfer);
    }

    /// <summary>
    /// Step 2: the target adds the units once per transfer id. A bin that cannot hold them (full, another item, never
    /// created) records the transfer as handled and sends the units back, so they are never lost or counted twice.
    /// </summary>
    public async Task<SupplyBin?> ReceiveTransfer(StockTransferMessage transfer)
    {
        if (state.State.AppliedTransfers.Contains(transfer.TransferId))
        {
            return state.State.Bin;
        }

        var bin = state.State.Bin;
        var refusal = bin is null ? $"Supply bin '{BinId}' does not exist."
            : bin.Sku != transfer.Sku ? $"Bin '{BinId}' holds {bin.Sku}, not {transfer.Sku}."
            : !StockLots.Fits(bin, transfer.Quantity) ? $"Bin '{BinId}' cannot hold more than {StockLimits.MaxOnHand}."
            : null;
        if (refusal is not null)
        {
            state.State = state.State with { AppliedTransfers = Applied(transfer.TransferId) };
            await changes.CommitAsync(this, state, new Change
            {
                Journal = [JournalExtensions.Line(nameof(StockEventKind.StockTransferRefused), BinId, null,
                    Event(bin) with { Quantity = transfer.Quantity, Lots = transfer.Lots, FromBinId = transfer.FromBinId, TransferId = transfer.TransferId, Reason = refusal },
                    clock.GetUtcNow())],
                Post = [new StockTransferReturnedMessage(transfer, refusal)],
            });
            return bin;
        }

        return await Change(bin! with { Lots = StockLots.Merge(bin!.Lots, transfer.Lots) }, StockEventKind.StockTransferredIn,
            e => e with { Quantity = transfer.Quantity, Lots = transfer.Lots, FromBinId = transfer.FromBinId, TransferId = transfer.TransferId },
            applied: transfer.TransferId);
    }

    /// <summary>Step 3, only when the target refused: the units come back, once.</summary>
    public async Task<SupplyBin> ReturnTransfer(StockTransferReturnedMessage returned)
    {
        var transfer = returned.Transfer;
        var bin = Current;
        if (state.State.AppliedTransfers.Contains(transfer.TransferId))
        {
            return bin;
        }

        // Always taken back, even above the bin's bound: the units exist and must be somewhere.
        return await Change(bin with { Lots = StockLots.Merge(bin.Lots, transfer.Lots) }, StockEventKind.StockTransferReverted,
            e => e with { Quantity = transfer.Quantity, Lots = transfer.Lots, ToBinId = transfer.ToBinId, TransferId = transfer.TransferId, Reason = returned.Reason },
            applied: transfer.TransferId);
    }

    /// <summary>A dose given from this bin takes one unit, once per dose id (kept with the transfer ids).</summary>
    public async Task<SupplyBin?> DispenseDose(DoseDispensedMessage dose)
    {
        if (state.State.AppliedTransfers.Contains(dose.DoseId))
        {
            return state.State.Bin;
        }

        var bin = state.State.Bin;
        if (bin is null || StockLots.Usable(bin.Lots, Today) < 1)
        {
            state.State = state.State with { AppliedTransfers = Applied(dose.DoseId) };
            await changes.CommitAsync(this, state, new Change
            {
                Journal = [JournalExtensions.Line(nameof(StockEventKind.StockDispenseRefused), BinId, dose.Mrn,
                    Event(bin) with { Quantity = 1, DoseId = dose.DoseId, Reason = bin is null ? "no such bin" : "no usable stock" }, clock.GetUtcNow())],
            });
            return bin;
        }

        var (taken, left) = StockLots.TakeUsable(bin, 1, "dispense", Today);
        CountUse(1);
        return await Change(bin with { Lots = left }, StockEventKind.StockDispensed,
            e => e with { Quantity = 1, Lots = taken, DoseId = dose.DoseId }, dose.Mrn, applied: dose.DoseId);
    }

    public async Task<SupplyBin> SetLevels(int par, int reorderPoint)
    {
        var bin = Current;
        StockLots.CheckLevels(par, reorderPoint);
        return bin.Par == par && bin.ReorderPoint == reorderPoint
            ? bin
            : await Change(bin with { Par = par, ReorderPoint = reorderPoint }, StockEventKind.StockLevelsChanged, e => e with { Par = par, ReorderPoint = reorderPoint });
    }

    public async Task<SupplyBin> DisposeExpired()
    {
        var bin = Current;
        var expired = bin.Lots.Where(l => l.Expiry < Today).ToList();
        return expired.Count == 0
            ? bin
            : await Change(bin with { Lots = bin.Lots.Except(expired).ToList() }, StockEventKind.StockDisposed,
                e => e with { Quantity = expired.Sum(l => l.Quantity), Lots = expired });
    }

    public async Task<SupplyBin> Reassess()
    {
        var bin = Current;
        var fresh = Derive(bin);
        if (fresh with { Version = bin.Version, UpdatedAt = bin.UpdatedAt } == bin && AlertsMatch(fresh))
        {
            return bin;
        }

        return await Change(bin, StockEventKind.StockReassessed,
            e => e with { DaysOfSupply = fresh.DaysOfSupply, Lots = fresh.Lots.Where(l => l.Expiry < Today).ToList() });
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Reassess();

    /// <summary>Adds units used today to the tally the rate of use is computed from.</summary>
    private void CountUse(int quantity)
    {
        var use = state.State.DailyUse.ToDictionary();
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        use[today] = (int)Math.Min(StockLimits.MaxDailyUse, (long)use.GetValueOrDefault(today) + quantity);
        state.State = state.State with { DailyUse = use.OrderByDescending(u => u.Key).Take(UseDaysKept).ToDictionary() };
    }

    /// <summary>Everything computed from the lots and recent use.</summary>
    private SupplyBin Derive(SupplyBin bin)
    {
        var onHand = bin.Lots.Sum(l => l.Quantity);
        var usable = StockLots.Usable(bin.Lots, Today);
        var since = Today.AddDays(-(RateDays - 1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rate = state.State.DailyUse.Where(u => string.CompareOrdinal(u.Key, since) >= 0).Sum(u => (double)u.Value) / RateDays;
        var status = onHand == 0 ? StockStatus.Out : onHand <= bin.ReorderPoint ? StockStatus.Low : StockStatus.Ok;
        return bin with
        {
            OnHand = onHand, Status = status, ConsumptionPerDay = Math.Round(rate, 3),
            DaysOfSupply = rate > 0 ? Math.Round(usable / rate, 2) : null,
            SuggestedOrder = onHand <= bin.ReorderPoint ? Math.Max(0, bin.Par - onHand) : 0,
        };
    }

    /// <summary>
    /// Commits the bin's next version with its journal line, the message that tells its location, the alert changes
    /// (conditions that began or ended) for the register, and a transfer's units for their target, in one transaction.
    /// The location and the register have been told when this returns; the target is told without waiting.
    /// </summary>
    private async Task<SupplyBin> Change(SupplyBin next, StockEventKind kind, Func<StockJournalEvent, StockJournalEvent> detail, string? mrn = null,
        StockTransferMessage? post = null, string? applied = null, Func<long, OutboxMessage>? charge = null)
    {
        var bin = Derive(next) with { Version = (state.State.Bin?.Version ?? 0) + 1, UpdatedAt = clock.GetUtcNow() };
        var wantReminder = bin.Lots.Count > 0;
        if (wantReminder != state.State.ExpiryReminder)
        {
            // The reminder lives outside the transaction: registering twice is harmless, and a bin whose commit failed
            // compares again on its next change.
            await Reminders.Keep(this, ExpiryCheck, wantReminder, options.Value.ExpiryCheckPeriod);
        }

        var conditions = BinConditions.For(bin, Today, options.Value);
        var raised = conditions.Select(c => c.Key).ToList();
        var alerts = new AlertChangesMessage(bin.Version,
            conditions.Where(c => !state.State.RaisedAlerts.Contains(c.Key)).ToList(),
            state.State.RaisedAlerts.Except(raised).ToList());
        state.State = state.State with
        {
            Bin = bin, RaisedAlerts = raised, ExpiryReminder = wantReminder,
            AppliedTransfers = applied is null ? state.State.AppliedTransfers : Applied(applied),
        };
        List<OutboxMessage> send = [new SupplyBinChangedMessage(bin)];
        if (!alerts.IsEmpty)
        {
            send.Add(alerts);
        }

        if (charge is not null)
        {
            send.Add(charge(bin.Version));
        }

        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line(kind.ToString(), BinId, mrn, detail(Event(bin)), bin.UpdatedAt)],
            Send = send,
            Post = post is null ? [] : [post],
        });
        return bin;
    }

    private StockJournalEvent Event(SupplyBin? bin) => new(bin?.LocationId ?? "", bin?.Sku ?? "", bin?.OnHand ?? 0, bin?.Version ?? 0);

    private List<string> Applied(string transferId) => [.. state.State.AppliedTransfers.TakeLast(TransfersKept - 1), transferId];

    private bool AlertsMatch(SupplyBin bin) =>
        BinConditions.For(bin, Today, options.Value).Select(c => c.Key).ToHashSet().SetEquals(state.State.RaisedAlerts);
}
