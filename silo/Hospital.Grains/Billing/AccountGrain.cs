using Hospital.Contracts.Admissions;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Grains.Changes;
using Hospital.Grains.Common;
using Hospital.Grains.Journal;
using Hospital.Grains.Medications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hospital.Grains.Billing;

/// <summary>
/// An admission's account. Each chargeable event is applied once by its source (a repeat, a redelivery or a replay
/// finds its source already there); bed-days follow the admission's bed stays, so a midnight missed while the system
/// was down is posted on the next tick and a stay undone (a cancelled admission or transfer) is credited. Lines are
/// never changed or deleted: an undone charge gets a credit line. Every change commits the account, its journal lines
/// and its ledger rows for the reports in one transaction.
/// </summary>
public sealed partial class AccountGrain(
    [PersistentState("account", HospitalStorage.Name)] IPersistentState<AccountState> state,
    GrainChanges changes,
    HospitalTime clock,
    IOptions<BillingOptions> options,
    IOptions<HospitalZoneOptions> zone,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain, IRemindable
{
    private const string BedDayTick = "bed-days";

    private string EncounterId => this.GetPrimaryKeyString();

    private IChargeMasterGrain ChargeMaster => GrainFactory.GetGrain<IChargeMasterGrain>(0);

    public async Task<Account?> Get()
    {
        if (await Open() is null)
        {
            return null;
        }

        await Apply(new Pending());
        return state.State.Account;
    }

    public async Task Capture(ChargeCapture capture)
    {
        if (await Open() is null)
        {
            LogNoAdmission(capture.Source, EncounterId);
            return;
        }

        var pending = new Pending();
        if (!state.State.Sources.Contains(capture.Source))
        {
            if (state.State.Encounter?.Status == EncounterStatus.Cancelled)
            {
                // The admission was entered in error: nothing more is charged to it.
                pending.Seen.Add(capture.Source);
            }
            else
            {
                await Charge(pending, capture.Source, capture.Kind, capture.Code, capture.Quantity, capture.EventAt, capture.WardId ?? WardAt(capture.EventAt), null);
            }
        }

        await Apply(pending);
    }

    public async Task Reverse(string source, string reason, DateTimeOffset at)
    {
        if (await Open() is null)
        {
            LogNoAdmission(source, EncounterId);
            return;
        }

        var pending = new Pending();
        var account = state.State.Account!;
        if (account.Charges.FirstOrDefault(c => c.Source == source) is { } line)
        {
            CreditRemaining(pending, line, reason);
        }
        else if (account.Unpriced.Any(u => u.Source == source))
        {
            pending.Unpriced.Add(source);
        }
        else if (!state.State.Sources.Contains(source))
        {
            // Undone before it arrived: when it does, it is recognised and not charged.
            pending.Seen.Add(source);
        }

        await Apply(pending);
    }

    public async Task StayChanged(Encounter encounter)
    {
        if (state.State.Encounter is { } known && known.Version >= encounter.Version)
        {
            return;
        }

        await Open(encounter);
        state.State = state.State with { Encounter = encounter };
        await Apply(new Pending(), encounter);
    }

    public async Task<ChargeLine> PostCharge(ManualCharge charge)
    {
        var account = await Open() ?? throw HospitalException.NotFound("Admission", EncounterId);
        CheckQuantity(charge.Quantity, "quantity");
        var now = clock.GetUtcNow();
        var item = await ChargeMaster.PriceAt(charge.Code, now)
            ?? throw HospitalException.Invalid("code", $"'{charge.Code}' has no price in the charge master at {now:u}.");
        var pending = new Pending();
        var source = $"manual:{account.Charges.Count(c => c.Source.StartsWith("manual:", StringComparison.Ordinal)) + 1}";
        var line = Line(pending, item, source, ChargeSourceKind.Manual, charge.Quantity, now, WardAt(now), null, Reason(charge.Reason));
        await Apply(pending);
        return line;
    }

    public async Task<ChargeLine> Credit(string chargeId, decimal? quantity, string reason)
    {
        var account = await Open() ?? throw HospitalException.NotFound("Admission", EncounterId);
        var line = account.Charges.FirstOrDefault(c => c.Id == chargeId) ?? throw HospitalException.NotFound("Charge", chargeId);
        if (line.Reverses is not null)
        {
            throw HospitalException.Conflict("A credit cannot be credited", $"Line '{chargeId}' is itself a credit of '{line.Reverses}'.");
        }

        var (left, _) = Remaining(line);
        if (left == 0)
        {
            throw HospitalException.Conflict("Charge already credited", $"Line '{chargeId}' has been credited in full.");
        }

        var take = quantity ?? left;
        CheckQuantity(take, "quantity");
        if (take > left)
        {
            throw HospitalException.Invalid("quantity", $"At most {left} of line '{chargeId}' is left to credit.");
        }

        var pending = new Pending();
        var credit = CreditPart(pending, line, take, Reason(reason) ?? throw HospitalException.Invalid("reason", "A credit needs a reason."));
        await Apply(pending);
        return credit;
    }

    public async Task<PaymentLine> PostPayment(PaymentCommand payment)
    {
        var account = await Open() ?? throw HospitalException.NotFound("Admission", EncounterId);
        if (payment.PaymentId is { } known && account.Payments.FirstOrDefault(p => p.Id == known) is { } recorded)
        {
            return recorded;
        }

        if (payment.Amount <= 0 || payment.Amount > Money.MaxAmount || !Money.HasAtMostDecimals(payment.Amount, 2))
        {
            throw HospitalException.Invalid("amount", $"A payment is more than 0 and at most {Money.MaxAmount}, with at most 2 decimals.");
        }

        var pending = new Pending();
        var line = new PaymentLine(payment.PaymentId ?? $"{EncounterId}-P{account.Payments.Count + 1}", payment.Amount, payment.Method,
            string.IsNullOrWhiteSpace(payment.Reference) ? null : payment.Reference.Trim(), clock.GetUtcNow(), Actor.Current, payment.ClaimId,
            payment.PayerId ?? account.PayerId);
        pending.Payments.Add(line);
        await Apply(pending);
        return line;
    }

    public async Task SetPayer(string? payerId)
    {
        if (await Open() is { } account && account.PayerId != payerId)
        {
            state.State = state.State with { Account = account with { PayerId = payerId } };
            await Apply(new Pending(), force: true);
        }
    }

    public async Task CatchUp()
    {
        if (await Open() is not null)
        {
            await Apply(new Pending());
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CatchUp();

    /// <summary>
    /// The account, opened from its admission the first time (a capture may arrive before the admission's own
    /// message); null when there is no such admission.
    /// </summary>
    private async Task<Account?> Open(Encounter? known = null)
    {
        if (state.State.Account is { } account)
        {
            return account;
        }

        // The admission is read as the platform: a Billing user may read the account but not the ward's encounters.
        var encounter = known ?? await Actor.AsPlatform(() => GrainFactory.GetGrain<IEncounterGrain>(EncounterId).Get());
        if (encounter is null)
        {
            return null;
        }

        account = new Account(EncounterId, encounter.Mrn, options.Value.Currency, [], [], 0, 0, 0, [], null, encounter.AdmittedAt, encounter.DischargedAt, 0);
        state.State = state.State with { Account = account, Encounter = state.State.Encounter ?? encounter };
        return account;
    }

    /// <summary>What one change adds: lines, payments, sources seen, unpriced events priced or dropped, journal lines.</summary>
    private sealed class Pending
    {
        public List<ChargeLine> Lines { get; } = [];
        public List<PaymentLine> Payments { get; } = [];
        public List<UnpricedCharge> NewUnpriced { get; } = [];
        public HashSet<string> Unpriced { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
        public List<JournalAppend> Journal { get; } = [];

        public bool IsEmpty => Lines.Count == 0 && Payments.Count == 0 && NewUnpriced.Count == 0 && Unpriced.Count == 0 && Seen.Count == 0;
    }

    /// <summary>
    /// Brings bed-days and unpriced events up to date, then commits what <paramref name="pending"/> holds (when anything
    /// changed) with the account's new totals, journal lines and ledger rows.
    /// </summary>
    private async Task Apply(Pending pending, Encounter? changed = null, bool force = false)
    {
        var now = clock.GetUtcNow();
        await ReconcileBedDays(pending, now);
        await PriceUnpriced(pending);
        var account = state.State.Account!;
        if (changed is not null)
        {
            account = account with { Mrn = changed.Mrn, OpenedAt = changed.AdmittedAt, DischargedAt = changed.DischargedAt };
        }

        var stored = state.State.Account!.Version > 0;
        if (pending.IsEmpty && !force && changed is null && stored)
        {
            await KeepReminder();
            return;
        }

        var charges = account.Charges.Concat(pending.Lines).ToList();
        var payments = account.Payments.Concat(pending.Payments).ToList();
        var total = charges.Sum(c => c.Amount);
        var paid = payments.Sum(p => p.Amount);
        var next = account with
        {
            Charges = charges, Payments = payments, Total = total, Paid = paid, Balance = total - paid,
            Unpriced = [.. account.Unpriced.Where(u => !pending.Unpriced.Contains(u.Source)), .. pending.NewUnpriced],
            Version = account.Version + 1,
        };
        foreach (var payment in pending.Payments)
        {
            pending.Journal.Add(Journal("PaymentPosted", payment.Id, payment, payment.ReceivedAt));
        }

        var sources = pending.Lines.Select(l => l.Source).Concat(pending.NewUnpriced.Select(u => u.Source)).Concat(pending.Seen);
        state.State = state.State with
        {
            Account = next,
            Sources = [.. state.State.Sources, .. sources.Where(s => !state.State.Sources.Contains(s)).Distinct()],
        };
        var ledgerLines = pending.Lines.Select(l => new LedgerLine(l.Id, EncounterId, next.Mrn, l.Reverses is null ? LedgerLineKind.Charge : LedgerLineKind.Credit,
                l.Code, l.Category, l.WardId, l.Amount, l.EventAt, l.PostedAt, next.PayerId))
            .Concat(pending.Payments.Select(p => new LedgerLine(p.Id, EncounterId, next.Mrn, LedgerLineKind.Payment, p.Method.ToString(), null, null,
                p.Amount, p.ReceivedAt, p.ReceivedAt, p.PayerId)))
            .ToList();
        await changes.CommitAsync(this, state, new Change
        {
            Journal = pending.Journal,
            Ledger = new LedgerChange(new LedgerAccount(EncounterId, next.Mrn, next.PayerId, next.OpenedAt ?? now, next.DischargedAt, next.Total, next.Paid,
                next.Balance, next.Unpriced.Count, now), ledgerLines),
        });
        await KeepReminder();
    }

    /// <summary>
    /// Posts a bed-day for each midnight the patient held a bed that has none, and credits each bed-day whose midnight
    /// the admission no longer spent in that ward (a cancelled admission or transfer).
    /// </summary>
    private async Task ReconcileBedDays(Pending pending, DateTimeOffset now)
    {
        if (state.State.Encounter is not { } encounter)
        {
            return;
        }

        var due = BedDays.Due(encounter, now, zone.Value.Zone).ToDictionary(n => n.Key, StringComparer.Ordinal);
        var held = state.State.Account!.Charges.Where(c => c.Source.StartsWith("bed-day:", StringComparison.Ordinal) && c.Reverses is null && Remaining(c).Quantity > 0)
            .ToList();
        foreach (var line in held.Where(l => !due.ContainsKey(KeyOf(l.Source))))
        {
            CreditRemaining(pending, line, encounter.Status == EncounterStatus.Cancelled ? "admission cancelled" : "stay changed: not in this ward at that midnight");
        }

        foreach (var unpriced in state.State.Account.Unpriced.Where(u => u.Kind == ChargeSourceKind.BedDay && !due.ContainsKey(KeyOf(u.Source))))
        {
            pending.Unpriced.Add(unpriced.Source);
        }

        var rates = due.Count == 0 ? null : await ChargeMaster.WardRates();
        var heldKeys = held.Select(l => KeyOf(l.Source)).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, night) in due.Where(n => !heldKeys.Contains(n.Key)))
        {
            if (state.State.Account.Unpriced.Any(u => KeyOf(u.Source) == key && !pending.Unpriced.Contains(u.Source)) || pending.NewUnpriced.Any(u => KeyOf(u.Source) == key))
            {
                continue;
            }

            var code = rates!.GetValueOrDefault(night.WardId) ?? ChargeCodes.DefaultBedDay;
            await Charge(pending, NewSource(key), ChargeSourceKind.BedDay, code, 1, night.Midnight, night.WardId,
                $"{night.Date:yyyy-MM-dd}, {night.WardId}");
        }

        // A cancelled admission takes back what it charged, bed-days or not.
        if (encounter.Status == EncounterStatus.Cancelled)
        {
            foreach (var line in state.State.Account.Charges.Where(c => c.Reverses is null && Remaining(c).Quantity > 0 && !held.Contains(c)))
            {
                CreditRemaining(pending, line, "admission cancelled");
            }

            foreach (var unpriced in state.State.Account.Unpriced)
            {
                pending.Unpriced.Add(unpriced.Source);
            }
        }
    }

    /// <summary>Prices the events that had no price, once their code has one (the price in force then, else its first).</summary>
    private async Task PriceUnpriced(Pending pending)
    {
        foreach (var unpriced in state.State.Account!.Unpriced.Where(u => !pending.Unpriced.Contains(u.Source)))
        {
            if (await ChargeMaster.PriceAt(unpriced.Code, unpriced.EventAt, orFirst: true) is { } item)
            {
                pending.Unpriced.Add(unpriced.Source);
                Line(pending, item, unpriced.Source, unpriced.Kind, unpriced.Quantity, unpriced.EventAt, unpriced.WardId, null, null);
            }
        }
    }

    /// <summary>Posts an event's line at the price in force when it happened, or keeps it as unpriced.</summary>
    private async Task Charge(Pending pending, string source, ChargeSourceKind kind, string code, decimal quantity, DateTimeOffset at, string? wardId, string? detail)
    {
        if (await ChargeMaster.PriceAt(code, at) is { } item)
        {
            Line(pending, item, source, kind, quantity, at, wardId, detail, null);
            return;
        }

        var unpriced = new UnpricedCharge(source, code, quantity, at, kind, wardId);
        pending.NewUnpriced.Add(unpriced);
        pending.Journal.Add(Journal("ChargeUnpriced", source, unpriced, at));
    }

    private ChargeLine Line(Pending pending, ChargeItem item, string source, ChargeSourceKind kind, decimal quantity, DateTimeOffset at, string? wardId,
        string? detail, string? reason)
    {
        var line = new ChargeLine(NextLineId(pending), item.Code, detail is null ? item.Description : $"{item.Description} ({detail})", quantity,
            item.UnitPrice, Money.Line(quantity, item.UnitPrice), clock.GetUtcNow(), source, item.Category == ChargeCategory.Other ? CategoryOf(kind) : item.Category,
            at, wardId, null, reason, Actor.Current);
        pending.Lines.Add(line);
        pending.Journal.Add(Journal("ChargePosted", line.Id, line, at));
        return line;
    }

    private void CreditRemaining(Pending pending, ChargeLine line, string reason)
    {
        var (left, _) = Remaining(line, pending);
        if (left > 0)
        {
            CreditPart(pending, line, left, reason);
        }
    }

    /// <summary>A credit of <paramref name="quantity"/> of a line; the last part takes exactly what is left of its amount, so a line credited in full nets to zero.</summary>
    private ChargeLine CreditPart(Pending pending, ChargeLine line, decimal quantity, string reason)
    {
        var (left, leftAmount) = Remaining(line, pending);
        var amount = quantity == left ? leftAmount : Money.Line(quantity, line.UnitPrice);
        var credits = state.State.Account!.Charges.Concat(pending.Lines).Count(c => c.Reverses == line.Id);
        var credit = new ChargeLine(NextLineId(pending), line.Code, $"Credit: {line.Description}", -quantity, line.UnitPrice, -amount, clock.GetUtcNow(),
            $"credit:{line.Id}:{credits + 1}", line.Category, line.EventAt, line.WardId, line.Id, reason, Actor.Current);
        pending.Lines.Add(credit);
        pending.Journal.Add(Journal("ChargeCredited", credit.Id, credit, credit.PostedAt));
        return credit;
    }

    /// <summary>What of a line has not been credited yet: quantity and amount.</summary>
    private (decimal Quantity, decimal Amount) Remaining(ChargeLine line, Pending? pending = null)
    {
        var credits = state.State.Account!.Charges.Concat(pending?.Lines ?? []).Where(c => c.Reverses == line.Id).ToList();
        return (line.Quantity + credits.Sum(c => c.Quantity), line.Amount + credits.Sum(c => c.Amount));
    }

    private string NextLineId(Pending pending) => $"{EncounterId}-C{state.State.Account!.Charges.Count + pending.Lines.Count + 1}";

    /// <summary>A bed-day's source: its key, with a suffix when that night and ward were charged and credited before.</summary>
    private string NewSource(string key)
    {
        var used = state.State.Sources.Count(s => KeyOf(s) == key);
        return used == 0 ? key : $"{key}#{used + 1}";
    }

    private static string KeyOf(string source) => source.Split('#')[0];

    /// <summary>The ward the patient was in at <paramref name="at"/> (the current one when the admission says nothing of then).</summary>
    private string? WardAt(DateTimeOffset at) =>
        state.State.Encounter is { } encounter
            ? encounter.Locations.LastOrDefault(s => s.From <= at && (s.To is null || at < s.To))?.WardId ?? encounter.WardId
            : null;

    private static ChargeCategory CategoryOf(ChargeSourceKind kind) => kind switch
    {
        ChargeSourceKind.BedDay => ChargeCategory.Accommodation,
        ChargeSourceKind.Dose => ChargeCategory.Pharmacy,
        ChargeSourceKind.Supply => ChargeCategory.Supplies,
        ChargeSourceKind.Lab => ChargeCategory.Laboratory,
        _ => ChargeCategory.Other,
    };

    private static void CheckQuantity(decimal quantity, string field)
    {
        if (quantity <= 0 || quantity > Money.MaxQuantity || !Money.HasAtMostDecimals(quantity, 3))
        {
            throw HospitalException.Invalid(field, $"The quantity must be more than 0 and at most {Money.MaxQuantity}, with at most 3 decimals.");
        }
    }

    private static string? Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    private JournalAppend Journal(string kind, string entityId, object payload, DateTimeOffset at) =>
        JournalExtensions.Line(kind, entityId, state.State.Account?.Mrn, new { encounterId = EncounterId, line = payload }, at);

    /// <summary>The bed-day tick runs while the patient is in hospital (registered outside the transaction; harmless twice).</summary>
    private async Task KeepReminder()
    {
        var wanted = state.State.Encounter?.Status == EncounterStatus.InProgress;
        if (wanted == state.State.Reminder)
        {
            return;
        }

        await Reminders.Keep(this, BedDayTick, wanted, options.Value.BedDayCheckPeriod);

        state.State = state.State with { Reminder = wanted };
        await changes.CommitAsync(this, state, Change.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charge {Source} names admission {EncounterId}, which does not exist; not charged")]
    private partial void LogNoAdmission(string source, string encounterId);
}
