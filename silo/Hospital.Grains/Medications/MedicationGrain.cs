using Hospital.Contracts.Alerts;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Changes;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Inventory;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Medications;
using Hospital.Grains.Admissions;
using Hospital.Grains.Changes;
using Hospital.Grains.Inventory;
using Hospital.Grains.Journal;
using Microsoft.Extensions.Options;

namespace Hospital.Grains.Medications;

/// <summary>
/// A patient's medication orders and their administration record. Each change commits the orders and doses, its
/// journal lines, the MedicationOverdue change for the alert register and, for a dose given from a bin, the message
/// that takes the unit from the bin — all in one transaction. The bin applies that message once per dose id, so the
/// dose and its unit move together, exactly once, whatever is retried or redelivered.
/// </summary>
public sealed class MedicationGrain(
    [PersistentState("medications", HospitalStorage.Name)] IPersistentState<MedicationState> state,
    GrainChanges changes,
    HospitalTime clock,
    IOptions<MedicationOptions> options,
    IOptions<HospitalZoneOptions> zone) : Grain, IMedicationGrain, IRemindable
{
    public const string OverdueKind = "MedicationOverdue";

    /// <summary>How far ahead doses are worked out; the reminder keeps the horizon ahead of the clock.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(48);

    /// <summary>Doses older than this leave the grain (they stay in the journal).</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(31);

    private const string DoseCheck = "doses-due";

    private readonly OrderChecks checks = new(DrugKnowledge.Shipped);

    private string Mrn => this.GetPrimaryKeyString();

    private string OverdueKey => new AlertCondition(OverdueKind, AlertSeverity.Info, null, Mrn, "").Key;

    private TimeZoneInfo Zone => zone.Value.Zone;

    public async Task<IReadOnlyList<OrderWarning>> PreviewOrder(MedicationOrderRequest request)
    {
        await GrainFactory.PatientAsync(Mrn);
        return await Check(Validate(request), request);
    }

    public async Task<OrderPlacement> PlaceOrder(MedicationOrderRequest request)
    {
        var patient = await GrainFactory.PatientAsync(Mrn);
        var drug = Validate(request);
        var warnings = await Check(drug, request);
        var overrideReason = string.IsNullOrWhiteSpace(request.OverrideReason) ? null : request.OverrideReason.Trim();
        if (OrderWarnings.Blocks(warnings) && overrideReason is null)
        {
            return new OrderPlacement(null, warnings);
        }

        var now = clock.GetUtcNow();
        var number = state.State.OrdersPlaced + 1;
        var order = new MedicationOrder($"RX-{Mrn}-{number}", Mrn, new DrugRef(drug.Code, drug.Name), request.Dose, request.Unit.Trim(),
            request.Route.Trim(), DoseFrequency.Find(request.Frequency)!.Code, request.Start ?? now, request.End, OrderStatus.Active, warnings,
            overrideReason, Actor.Current, now, patient.CurrentEncounterId);
        List<JournalAppend> lines = [Line(MedicationEventKind.MedicationOrdered, order.Id, new MedicationOrderJournalEvent(order), now)];
        if (overrideReason is not null && OrderWarnings.Blocks(warnings))
        {
            lines.Add(Line(MedicationEventKind.MedicationOrderOverridden, order.Id,
                new MedicationOverrideJournalEvent(order.Id, drug.Code, overrideReason, [.. warnings.Where(w => OrderWarnings.Blocks([w]))]), now));
        }

        var next = state.State with { Orders = [.. state.State.Orders, order], OrdersPlaced = number };
        await Commit(Scheduled(next, now), lines);
        return new OrderPlacement(order, warnings);
    }

    public Task<IReadOnlyList<MedicationOrder>> GetOrders(OrderStatus? status) =>
        Task.FromResult<IReadOnlyList<MedicationOrder>>([.. state.State.Orders.Where(o => status is null || o.Status == status)]);

    public Task<MedicationOrder?> GetOrder(string orderId) => Task.FromResult(state.State.Orders.FirstOrDefault(o => o.Id == orderId));

    public async Task<MedicationOrder> Discontinue(string orderId, string reason)
    {
        var order = Order(orderId);
        if (order.Status != OrderStatus.Active)
        {
            throw HospitalException.Conflict("Order not active", $"Order '{orderId}' was discontinued at {order.DiscontinuedAt:u}.");
        }

        var now = clock.GetUtcNow();
        var stopped = order with { Status = OrderStatus.Discontinued, DiscontinuedAt = now, DiscontinuedBy = Actor.Current, DiscontinueReason = reason.Trim() };
        // Doses not yet due go with the order; ones already due stay on the record (as missed unless recorded).
        var next = state.State with
        {
            Orders = [.. state.State.Orders.Select(o => o.Id == orderId ? stopped : o)],
            Doses = [.. state.State.Doses.Where(d => d.OrderId != orderId || d.Recorded || d.Due <= now)],
        };
        await Commit(next, [Line(MedicationEventKind.MedicationOrderDiscontinued, orderId, new MedicationOrderJournalEvent(stopped), now)]);
        return stopped;
    }

    public Task<IReadOnlyList<ScheduledDose>> GetMar(DateTimeOffset from, DateTimeOffset to)
    {
        var now = clock.GetUtcNow();
        var kept = state.State.Doses.Where(d => d.Due >= from && d.Due < to).ToDictionary(d => d.Id);
        var worked = state.State.Orders
            .SelectMany(o => DoseSchedule.Between(o, Zone, from, to, o.OrderedAt).Select(due => NewDose(o, due)))
            .Where(d => !kept.ContainsKey(d.Id) && d.Due >= now - Kept);
        return Task.FromResult<IReadOnlyList<ScheduledDose>>([.. kept.Values.Concat(worked).Select(d => Shown(d, now)).OrderBy(d => d.Due).ThenBy(d => d.Id, StringComparer.Ordinal)]);
    }

    public async Task<ScheduledDose> RecordDose(string doseId, DoseRecord record)
    {
        var order = MedicationOrder.OrderOf(doseId) is { } orderId ? state.State.Orders.FirstOrDefault(o => o.Id == orderId) : null;
        var dose = order is null ? null : state.State.Doses.FirstOrDefault(d => d.Id == doseId) ?? Unscheduled(order, doseId);
        if (order is null || dose is null)
        {
            throw HospitalException.NotFound("Dose", doseId);
        }

        return await Record(order, dose, record);
    }

    public async Task<ScheduledDose> RecordPrnDose(string orderId, DoseRecord record)
    {
        var order = Order(orderId);
        if (order.Frequency != DoseFrequency.Prn.Code)
        {
            throw HospitalException.Conflict("Not a when-required order", $"Order '{orderId}' is {order.Frequency}: record its doses on the MAR.");
        }

        var now = clock.GetUtcNow();
        if (order.Status != OrderStatus.Active || now < order.Start || (order.End is { } end && now >= end))
        {
            throw HospitalException.Conflict("Order not in force", $"Order '{orderId}' is {(order.Status == OrderStatus.Active ? "not in force now" : order.Status.ToString().ToLowerInvariant())}.");
        }

        // A dose's id is its time to the minute, so a retry within the minute finds the dose it recorded.
        var at = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var id = DoseSchedule.DoseId(order.Id, at);
        if (state.State.Doses.FirstOrDefault(d => d.Id == id) is { } recorded)
        {
            return await Record(order, recorded, record);
        }

        // The order's dose was checked against the daily maximum assuming this many doses a day: hold the bedside to it.
        var givenToday = record.Outcome == DoseOutcome.Given
            ? state.State.Doses.Count(d => d.OrderId == order.Id && d.Status == DoseStatus.Given && d.Due > now.AddHours(-24))
            : 0;
        if (givenToday >= Medications.DoseCheck.AssumedPrnDosesPerDay)
        {
            throw HospitalException.Conflict("Maximum doses in 24 hours reached",
                $"Order '{orderId}' has had {givenToday} doses given in the last 24 hours, its maximum: ask the prescriber to review it.");
        }

        return await Record(order, NewDose(order, at), record);
    }

    /// <summary>Records an outcome for a dose of the order: the same outcome again is a no-op, another one a conflict.</summary>
    private async Task<ScheduledDose> Record(MedicationOrder order, ScheduledDose dose, DoseRecord record)
    {
        var doseId = dose.Id;
        if (dose.Recorded)
        {
            return dose.Status.ToString() == record.Outcome.ToString() && dose.BinId == record.BinId
                ? dose
                : throw HospitalException.Conflict("Dose already recorded", $"Dose '{doseId}' was recorded {dose.Status} by {dose.RecordedBy} at {dose.RecordedAt:u}.");
        }

        if (record.Outcome != DoseOutcome.Given && string.IsNullOrWhiteSpace(record.Reason))
        {
            throw HospitalException.Invalid("reason", $"A dose recorded {record.Outcome} needs a reason.");
        }

        List<OutboxMessage> send = [];
        if (record.BinId is { } binId)
        {
            if (record.Outcome != DoseOutcome.Given)
            {
                throw HospitalException.Invalid("binId", "Only a dose given is taken from a bin.");
            }

            await EnsureStock(binId);
            send.Add(new DoseDispensedMessage(binId, doseId, Mrn));
        }

        var now = clock.GetUtcNow();
        var recorded = dose with
        {
            Status = Enum.Parse<DoseStatus>(record.Outcome.ToString()), RecordedBy = Actor.Current, RecordedAt = now,
            Reason = string.IsNullOrWhiteSpace(record.Reason) ? null : record.Reason.Trim(), BinId = record.BinId,
        };
        recorded = await Charged(recorded, order, $"dose:{doseId}", now, send);
        var line = Line(KindOf(record.Outcome), doseId, new MedicationDoseJournalEvent(doseId, order.Id, Mrn, order.Drug.Code, order.Drug.Name, order.Dose, order.Unit,
            dose.Due, record.Outcome, order.EncounterId, recorded.Reason, record.BinId), now);
        await Commit(WithDose(recorded), [line], send);
        return Shown(recorded, now);
    }

    public async Task<ScheduledDose> CorrectDose(string doseId, DoseRecord record)
    {
        var order = MedicationOrder.OrderOf(doseId) is { } orderId ? state.State.Orders.FirstOrDefault(o => o.Id == orderId) : null;
        var dose = order is null ? null : state.State.Doses.FirstOrDefault(d => d.Id == doseId);
        if (order is null || dose is null)
        {
            throw HospitalException.NotFound("Dose", doseId);
        }

        if (!dose.Recorded)
        {
            throw HospitalException.Conflict("Dose not recorded", $"Dose '{doseId}' has no outcome to correct: record it instead.");
        }

        var outcome = Enum.Parse<DoseStatus>(record.Outcome.ToString());
        if (dose.Status == outcome)
        {
            return dose;
        }

        if (string.IsNullOrWhiteSpace(record.Reason))
        {
            throw HospitalException.Invalid("reason", "A correction needs a reason.");
        }

        if (record.BinId is not null)
        {
            throw HospitalException.Invalid("binId", "A correction does not move stock: restock or consume the bin itself.");
        }

        var now = clock.GetUtcNow();
        var reason = record.Reason.Trim();
        List<OutboxMessage> send = [];
        var corrected = dose with { Status = outcome, Reason = reason, Corrections = dose.Corrections + 1, ChargedTo = null, ChargeSource = null };
        if (dose is { Status: DoseStatus.Given, ChargedTo: { } account, ChargeSource: { } source })
        {
            send.Add(new ChargeReversedMessage(account, source, $"dose corrected to {outcome}: {reason}", now));
        }

        corrected = await Charged(corrected, order, $"dose:{doseId}:{corrected.Corrections}", now, send);
        var line = Line(MedicationEventKind.MedicationDoseCorrected, doseId, new MedicationDoseCorrectionJournalEvent(doseId, order.Id, Mrn, order.Drug.Code,
            dose.Status.ToString(), outcome.ToString(), reason, Actor.Current), now);
        await Commit(WithDose(corrected), [line], send);
        return Shown(corrected, now);
    }

    /// <summary>A dose Given while the patient is admitted is charged to the admission's account (one charge per source).</summary>
    private async Task<ScheduledDose> Charged(ScheduledDose dose, MedicationOrder order, string source, DateTimeOffset now, List<OutboxMessage> send)
    {
        if (dose.Status != DoseStatus.Given || (await GrainFactory.PatientAsync(Mrn)).CurrentEncounterId is not { } encounterId)
        {
            return dose;
        }

        send.Add(new ChargeCapturedMessage(encounterId, new ChargeCapture(source, ChargeSourceKind.Dose, order.Drug.Code, 1, now, Mrn)));
        return dose with { ChargedTo = encounterId, ChargeSource = source };
    }

    private static MedicationEventKind KindOf(DoseOutcome outcome) => outcome switch
    {
        DoseOutcome.Given => MedicationEventKind.MedicationAdministered,
        DoseOutcome.Held => MedicationEventKind.MedicationDoseHeld,
        _ => MedicationEventKind.MedicationDoseRefused,
    };

    private MedicationState WithDose(ScheduledDose dose) =>
        state.State with { Doses = [.. state.State.Doses.Where(d => d.Id != dose.Id).Append(dose).OrderBy(d => d.Due)] };

    public async Task CheckDosesDue()
    {
        var now = clock.GetUtcNow();
        var next = Scheduled(state.State, now);
        if (next != state.State || Overdue(next, now) != state.State.OverdueRaised || Wanted(next) != state.State.CheckReminder)
        {
            await Commit(next, []);
        }
        else if (!Wanted(next) && await this.GetReminder(DoseCheck) is { } stray)
        {
            // Registered by a change whose commit then failed.
            await this.UnregisterReminder(stray);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckDosesDue();

    private Drug Validate(MedicationOrderRequest request)
    {
        var drug = DrugKnowledge.Shipped.FindDrug(request.Drug) ?? throw HospitalException.Invalid("drug", $"'{request.Drug}' is not in the drug catalogue.");
        if (DoseFrequency.Find(request.Frequency) is null)
        {
            throw HospitalException.Invalid("frequency", $"'{request.Frequency}' is not a dose frequency.");
        }

        if (request.Dose is <= 0 or > MedicationLimits.MaxDose)
        {
            throw HospitalException.Invalid("dose", $"The dose must be more than 0 and at most {MedicationLimits.MaxDose}.");
        }

        var now = clock.GetUtcNow();
        var start = request.Start ?? now;
        if (start < now.AddDays(-1) || start > now.AddDays(MedicationLimits.MaxStartAheadDays))
        {
            throw HospitalException.Invalid("start", $"The start must be between a day ago and {MedicationLimits.MaxStartAheadDays} days ahead.");
        }

        if (request.End is { } end && (end <= start || end > start.AddDays(MedicationLimits.MaxDurationDays)))
        {
            throw HospitalException.Invalid("end", $"The end must be after the start and at most {MedicationLimits.MaxDurationDays} days after it.");
        }

        return drug;
    }

    private async Task<IReadOnlyList<OrderWarning>> Check(Drug drug, MedicationOrderRequest request)
    {
        var entries = await GrainFactory.GetGrain<IChartGrain>(Mrn).GetEntries("allergies");
        var active = state.State.Orders.Where(o => o.Status == OrderStatus.Active).Select(o => new ActiveOrder(o.Drug.Code)).ToList();
        return checks.Check(drug, request.Dose, request.Unit.Trim(), request.Route.Trim(), request.Frequency.Trim(), ChartAllergies.Active(entries), active);
    }

    private async Task EnsureStock(string binId)
    {
        var bin = await GrainFactory.GetGrain<ISupplyBinGrain>(binId).Get() ?? throw HospitalException.NotFound("Supply bin", binId);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (StockLots.Usable(bin.Lots, today) < 1)
        {
            throw HospitalException.Conflict("Out of stock", $"Bin '{binId}' has no usable {bin.Name}.");
        }
    }

    /// <summary>A dose the schedule has not reached yet (or already dropped), if the id names a real due time of the order.</summary>
    private ScheduledDose? Unscheduled(MedicationOrder order, string doseId)
    {
        var stamp = doseId[(order.Id.Length + 1)..];
        if (!DateTimeOffset.TryParseExact(stamp, "yyyyMMddHHmm", null, System.Globalization.DateTimeStyles.AssumeUniversal, out var due))
        {
            return null;
        }

        return DoseSchedule.Between(order, Zone, due, due.AddMinutes(1), order.OrderedAt).Any() ? NewDose(order, due) : null;
    }

    private static ScheduledDose NewDose(MedicationOrder order, DateTimeOffset due) =>
        new(DoseSchedule.DoseId(order.Id, due), order.Id, order.Mrn, due, DoseStatus.Due, Drug: order.Drug);

    private ScheduledDose Shown(ScheduledDose dose, DateTimeOffset now) =>
        dose.Status == DoseStatus.Due && now > dose.Due + options.Value.OverdueAfter ? dose with { Status = DoseStatus.Missed } : dose;

    /// <summary>The doses worked out up to the horizon, and those older than a month let go.</summary>
    private MedicationState Scheduled(MedicationState current, DateTimeOffset now)
    {
        var until = now + Horizon;
        var known = current.Doses.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var added = current.Orders.Where(o => o.Status == OrderStatus.Active)
            .SelectMany(o => DoseSchedule.Between(o, Zone, now - Kept, until, o.OrderedAt).Select(due => NewDose(o, due)))
            .Where(d => known.Add(d.Id));
        var doses = current.Doses.Concat(added).Where(d => d.Due >= now - Kept).OrderBy(d => d.Due).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        return doses.SequenceEqual(current.Doses) && current.ScheduledUntil >= until - options.Value.CheckPeriod
            ? current
            : current with { Doses = doses, ScheduledUntil = until };
    }

    private bool Overdue(MedicationState current, DateTimeOffset now)
    {
        var active = current.Orders.Where(o => o.Status == OrderStatus.Active).Select(o => o.Id).ToHashSet();
        return current.Doses.Any(d => !d.Recorded && active.Contains(d.OrderId) && now > d.Due + options.Value.OverdueAfter);
    }

    /// <summary>The check runs while any active order has doses to schedule, or an overdue alert is open.</summary>
    private static bool Wanted(MedicationState current) =>
        current.OverdueRaised || current.Orders.Any(o => o.Status == OrderStatus.Active && DoseFrequency.Find(o.Frequency)?.Times.Count > 0)
        || current.Doses.Any(d => !d.Recorded);

    private MedicationOrder Order(string orderId) =>
        state.State.Orders.FirstOrDefault(o => o.Id == orderId) ?? throw HospitalException.NotFound("Medication order", orderId);

    private JournalAppend Line(MedicationEventKind kind, string entityId, object payload, DateTimeOffset at) =>
        JournalExtensions.Line(kind.ToString(), entityId, Mrn, payload, at);

    /// <summary>
    /// Commits the next version with its journal lines, the overdue alert's change (raised when a dose first goes
    /// overdue, resolved when none is) and any message for a bin, in one transaction.
    /// </summary>
    private async Task Commit(MedicationState next, IReadOnlyList<JournalAppend> lines, IReadOnlyList<OutboxMessage>? send = null)
    {
        var now = clock.GetUtcNow();
        var overdue = Overdue(next, now);
        List<AlertCondition> raise = [];
        List<string> resolve = [];
        if (overdue && !state.State.OverdueRaised)
        {
            var patient = await GrainFactory.PatientAsync(Mrn);
            var stay = await GrainFactory.CurrentStayAsync(patient);
            raise.Add(new AlertCondition(OverdueKind, AlertSeverity.Warning, stay?.WardId, Mrn,
                $"Medication dose overdue for {patient.Initials} {Mrn}{Stays.Where(stay)}: review the MAR.", PatientMrn: Mrn));
        }
        else if (!overdue && state.State.OverdueRaised)
        {
            resolve.Add(OverdueKey);
        }

        var wanted = Wanted(next with { OverdueRaised = overdue });
        await EnsureDoseCheck(wanted);
        state.State = next with { Version = state.State.Version + 1, OverdueRaised = overdue, CheckReminder = wanted };
        var alerts = new AlertChangesMessage(state.State.Version, raise, resolve);
        await changes.CommitAsync(this, state, new Change
        {
            Journal = lines,
            Send = alerts.IsEmpty ? send ?? [] : [alerts, .. send ?? []],
        });
    }

    /// <summary>Registers or removes the reminder (outside the transaction: registering twice is harmless).</summary>
    private async Task EnsureDoseCheck(bool wanted)
    {
        if (wanted == state.State.CheckReminder)
        {
            return;
        }

        if (wanted)
        {
            await this.RegisterOrUpdateReminder(DoseCheck, options.Value.CheckPeriod, options.Value.CheckPeriod);
        }
        else if (await this.GetReminder(DoseCheck) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
