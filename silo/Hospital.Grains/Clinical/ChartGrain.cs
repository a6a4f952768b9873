using System.Text.Json;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Alerts;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Changes;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.Grains.Admissions;
using Hospital.Grains.Changes;
using Hospital.Grains.Common;
using Hospital.Grains.Journal;
using Microsoft.Extensions.Options;

namespace Hospital.Grains.Clinical;

/// <summary>
/// A patient's chart. Each change commits the chart, its journal line and what it means elsewhere (alert changes for
/// the register, the NEWS2 marker for the bed) in one transaction; nothing is recorded without its alert.
/// </summary>
public sealed class ChartGrain(
    [PersistentState("chart", HospitalStorage.Name)] IPersistentState<ChartState> state,
    GrainChanges changes,
    HospitalTime clock,
    IOptions<ClinicalOptions> options) : Grain, IChartGrain, IRemindable
{
    private const string ObservationCheck = "observations-due";

    private string Mrn => this.GetPrimaryKeyString();

    private string News2Key => new AlertCondition("News2", AlertSeverity.Info, null, Mrn, "").Key;

    private string OverdueKey => new AlertCondition("ObservationsOverdue", AlertSeverity.Info, null, Mrn, "").Key;

    public async Task<ChartEntry> AddEntry(string section, string data)
    {
        var patient = await Patient();
        var now = clock.GetUtcNow();
        var entry = new ChartEntry($"{section[..Math.Min(3, section.Length)].ToUpperInvariant()}-{Guid.NewGuid():N}"[..20], section, data, 1,
            now, Actor.Current, now, Actor.Current);
        await Commit(state.State with { Entries = [.. state.State.Entries, entry] },
            Line(ChartEventKind.ChartEntryAdded, entry.Id, new ChartEntryJournalEvent(section, 1, Data: Json(data)), now, patient.Mrn));
        return entry;
    }

    public async Task<ChartEntry> AmendEntry(string section, string entryId, string data, string? reason)
    {
        var entry = Entry(section, entryId);
        if (entry.EnteredInError)
        {
            throw HospitalException.Conflict("Entered in error", $"Chart entry '{entryId}' was marked entered in error and cannot be amended.");
        }

        var amended = entry with { Data = data, Revision = entry.Revision + 1, RecordedAt = clock.GetUtcNow(), RecordedBy = Actor.Current, Reason = reason };
        await Commit(Replaced(amended), Line(ChartEventKind.ChartEntryAmended, entryId,
            new ChartEntryJournalEvent(section, amended.Revision, reason, Json(data), Json(entry.Data)), amended.RecordedAt));
        return amended;
    }

    public async Task<ChartEntry> MarkEnteredInError(string section, string entryId, string reason)
    {
        var entry = Entry(section, entryId);
        if (entry.EnteredInError)
        {
            return entry;
        }

        var marked = entry with { EnteredInError = true, Revision = entry.Revision + 1, RecordedAt = clock.GetUtcNow(), RecordedBy = Actor.Current, Reason = reason };
        await Commit(Replaced(marked), Line(ChartEventKind.ChartEntryEnteredInError, entryId,
            new ChartEntryJournalEvent(section, marked.Revision, reason), marked.RecordedAt));
        return marked;
    }

    public Task<IReadOnlyList<ChartEntry>> GetEntries(string? section) =>
        Task.FromResult<IReadOnlyList<ChartEntry>>(state.State.Entries.Where(e => section is null || e.Section == section).ToList());

    public async Task<Observation> RecordVitals(VitalSigns vitals)
    {
        var patient = await Patient();
        var news2 = News2.Score(vitals);
        var observation = new Observation("OBS-" + Guid.NewGuid().ToString("N")[..16], Mrn, vitals.RespiratoryRate, vitals.Spo2, vitals.Spo2Scale,
            vitals.OnOxygen, vitals.SystolicBp, vitals.Pulse, vitals.Consciousness, vitals.Temperature, vitals.TakenAt, clock.GetUtcNow(),
            Actor.Current, news2, vitals.TakenAt.AddMinutes(news2.MonitoringIntervalMinutes));
        var recent = state.State.RecentVitals.Append(observation).OrderBy(o => o.TakenAt).TakeLast(options.Value.RecentKept).ToList();
        var stay = await CurrentStay(patient);

        // A new set ends any overdue alert; the newest set by time taken decides the patient's risk (a late entry of an
        // older set does not). The register is told only what may change: a chart at version 0 predates its record of
        // what it has raised, so it resolves regardless.
        var alerts = new Alerts([], state.State.OverdueAlertFor is not null || state.State.Version == 0 ? [OverdueKey] : []);
        var news2Raised = state.State.News2Raised;
        List<OutboxMessage> bed = [];
        if (recent[^1].Id == observation.Id)
        {
            if (news2.RiskBand == News2RiskBand.Low)
            {
                if (news2Raised || state.State.Version == 0)
                {
                    alerts.Resolve.Add(News2Key);
                }

                news2Raised = false;
            }
            else
            {
                news2Raised = true;
                alerts.Raise.Add(new AlertCondition("News2", news2.RiskBand == News2RiskBand.High ? AlertSeverity.Critical : AlertSeverity.Warning,
                    stay?.WardId, Mrn, $"NEWS2 {news2.RiskBand} risk for {patient.Initials} {Mrn}{Where(stay)}: review the chart.", PatientMrn: Mrn));
            }

            if (stay is not null)
            {
                bed.Add(new BedNews2Message(stay.BedId, stay.EncounterId, news2.Score, news2.RiskBand, state.State.Version + 1));
            }
        }

        await EnsureObservationCheck(stay is not null);
        await Commit(state.State with { RecentVitals = recent, OverdueReminder = stay is not null, OverdueAlertFor = null, News2Raised = news2Raised },
            Line(ChartEventKind.VitalsRecorded, observation.Id, observation, vitals.TakenAt), alerts, bed);
        return observation;
    }

    public async Task<LabResult> RecordLab(LabResult result)
    {
        var patient = await Patient();
        if (result.Id.Length > 0 && state.State.RecentLabs.FirstOrDefault(l => l.Id == result.Id) is { } done)
        {
            // A caller that names its result (an HL7 feed resuming a message) gets the one it recorded.
            return done;
        }

        var flag = LabFlags.Combine(LabFlags.Flag(result.Value, result.ReferenceLow, result.ReferenceHigh, result.CriticalLow, result.CriticalHigh), result.Flag);
        var id = result.Id.Length > 0 ? result.Id : "LAB-" + Guid.NewGuid().ToString("N")[..16];
        var recorded = result with { Id = id, Mrn = Mrn, Flag = flag, RecordedAt = clock.GetUtcNow(), RecordedBy = Actor.Current };
        // The result and its order's new status are one commit: the chart owns both.
        var orders = result.OrderId is { } orderId
            ? Replaced(state.State.LabOrders, LabOrderRules.Attach(LabOrder(orderId), recorded.Id, recorded.RecordedAt))
            : state.State.LabOrders;
        // A lab order resulted while the patient is in hospital is charged to the admission, once per order.
        List<OutboxMessage> charge = result.OrderId is { } resulted && patient.CurrentEncounterId is { } encounterId
            ? [new ChargeCapturedMessage(encounterId, new ChargeCapture($"lab:{resulted}", ChargeSourceKind.Lab, LabOrder(resulted).Code, 1, recorded.RecordedAt, Mrn))]
            : [];
        var alerts = new Alerts([], []);
        if (LabFlags.IsCritical(flag))
        {
            var stay = await CurrentStay(patient);
            alerts.Raise.Add(new AlertCondition("CriticalResult", AlertSeverity.Critical, stay?.WardId, Mrn,
                $"Critical {recorded.Name} result for {patient.Initials} {Mrn}{Where(stay)}: review the chart and act now.",
                recorded.Id, Mrn));
        }

        await Commit(state.State with
            {
                RecentLabs = state.State.RecentLabs.Append(recorded).TakeLast(options.Value.RecentKept).ToList(), LabOrders = orders,
                UnacknowledgedCritical = LabFlags.IsCritical(flag) ? [.. state.State.UnacknowledgedCritical, recorded] : state.State.UnacknowledgedCritical,
            },
            Line(ChartEventKind.LabResultRecorded, recorded.Id, recorded, recorded.CollectedAt), alerts, charge);
        return recorded;
    }

    public async Task<LabOrder> PlaceLabOrder(string code, LabPriority priority, string? specimen)
    {
        await Patient();
        var now = clock.GetUtcNow();
        var order = new LabOrder($"LO-{Mrn}-{state.State.LabOrders.Count + 1}", Mrn, code, priority, specimen, LabOrderStatus.Ordered, Actor.Current, now);
        return await CommitLabOrder([.. state.State.LabOrders, order], order, LabOrderEventKind.LabOrdered);
    }

    public Task<IReadOnlyList<LabOrder>> GetLabOrders() => Task.FromResult(state.State.LabOrders);

    public Task<LabOrder> CollectLabOrder(string orderId)
    {
        var order = LabOrder(orderId);
        var collected = LabOrderRules.Collect(order, clock.GetUtcNow());
        return collected == order ? Task.FromResult(order) : CommitLabOrder(Replaced(state.State.LabOrders, collected), collected, LabOrderEventKind.LabCollected);
    }

    public Task<LabOrder> CancelLabOrder(string orderId, string reason)
    {
        var cancelled = LabOrderRules.Cancel(LabOrder(orderId), reason);
        return CommitLabOrder(Replaced(state.State.LabOrders, cancelled), cancelled, LabOrderEventKind.LabOrderCancelled);
    }

    public async Task<LabResult> AcknowledgeLab(string resultId)
    {
        var result = state.State.UnacknowledgedCritical.Concat(state.State.RecentLabs).FirstOrDefault(l => l.Id == resultId)
            ?? throw HospitalException.NotFound("Lab result", resultId);
        if (result.AcknowledgedAt is not null)
        {
            return result;
        }

        var now = clock.GetUtcNow();
        var seen = result with { AcknowledgedBy = Actor.Current, AcknowledgedAt = now };
        await Commit(state.State with
            {
                RecentLabs = [.. state.State.RecentLabs.Select(l => l.Id == resultId ? seen : l)],
                UnacknowledgedCritical = [.. state.State.UnacknowledgedCritical.Where(l => l.Id != resultId)],
            },
            JournalExtensions.Line(nameof(LabOrderEventKind.LabResultAcknowledged), resultId, Mrn, seen, now));
        return seen;
    }

    public Task<IReadOnlyList<LabResult>> GetUnacknowledgedCritical() => Task.FromResult(state.State.UnacknowledgedCritical);

    private LabOrder LabOrder(string orderId) =>
        state.State.LabOrders.FirstOrDefault(o => o.Id == orderId) ?? throw HospitalException.NotFound("Lab order", orderId);

    private static List<LabOrder> Replaced(IEnumerable<LabOrder> orders, LabOrder order) => [.. orders.Select(o => o.Id == order.Id ? order : o)];

    private async Task<LabOrder> CommitLabOrder(IReadOnlyList<LabOrder> orders, LabOrder order, LabOrderEventKind kind)
    {
        await Commit(state.State with { LabOrders = orders }, JournalExtensions.Line(kind.ToString(), order.Id, Mrn, order, clock.GetUtcNow()));
        return order;
    }

    public Task<IReadOnlyList<Observation>> GetRecentVitals() => Task.FromResult(state.State.RecentVitals);

    public Task<IReadOnlyList<LabResult>> GetRecentLabs() => Task.FromResult(state.State.RecentLabs);

    public async Task CheckObservationsDue()
    {
        var patient = await GrainFactory.GetGrain<IPatientGrain>(Mrn).Get();
        var stay = patient is null ? null : await CurrentStay(patient);
        if (stay is null || state.State.RecentVitals.Count == 0)
        {
            // Not in a bed (discharged): nobody is due to observe.
            if (state.State.OverdueReminder || state.State.OverdueAlertFor is not null)
            {
                await EnsureObservationCheck(false);
                await Commit(state.State with { OverdueReminder = false, OverdueAlertFor = null }, null, new Alerts([], [OverdueKey]));
            }
            else if (await this.GetReminder(ObservationCheck) is { } stray)
            {
                // Registered by a change whose commit then failed.
                await this.UnregisterReminder(stray);
            }

            return;
        }

        var latest = state.State.RecentVitals[^1];
        if (clock.GetUtcNow() > latest.NextDueAt && state.State.OverdueAlertFor != latest.NextDueAt)
        {
            await Commit(state.State with { OverdueAlertFor = latest.NextDueAt }, null, new Alerts([
                new AlertCondition("ObservationsOverdue", AlertSeverity.Warning, stay.WardId, Mrn,
                    $"Observations for {patient!.Initials} {Mrn}{Where(stay)} were due at {latest.NextDueAt:yyyy-MM-dd HH:mm} UTC.", PatientMrn: Mrn)], []));
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckObservationsDue();

    /// <summary>Registers or removes the overdue check; the chart records which in its next commit.</summary>
    private async Task EnsureObservationCheck(bool wanted)
    {
        if (wanted == state.State.OverdueReminder)
        {
            return;
        }

        await Reminders.Keep(this, ObservationCheck, wanted, options.Value.ObservationCheckPeriod);
    }

    private Task<Patient> Patient() => GrainFactory.PatientAsync(Mrn);

    private Task<Encounter?> CurrentStay(Patient patient) => GrainFactory.CurrentStayAsync(patient);

    private static string Where(Encounter? stay) => Stays.Where(stay);

    private ChartEntry Entry(string section, string entryId) =>
        state.State.Entries.FirstOrDefault(e => e.Id == entryId && e.Section == section)
        ?? throw HospitalException.NotFound("Chart entry", entryId);

    private ChartState Replaced(ChartEntry entry) =>
        state.State with { Entries = state.State.Entries.Select(e => e.Id == entry.Id ? entry : e).ToList() };

    private JournalAppend Line(ChartEventKind kind, string entityId, object payload, DateTimeOffset at, string? mrn = null) =>
        JournalExtensions.Line(kind.ToString(), entityId, mrn ?? Mrn, payload, at);

    /// <summary>
    /// Commits the chart's next version with its journal line, its alert changes for the register and any message for
    /// the bed, in one transaction; both have been told when this returns (or the outbox sweeper tells them).
    /// </summary>
    private async Task Commit(ChartState next, JournalAppend? line, Alerts? alerts = null, IReadOnlyList<OutboxMessage>? also = null)
    {
        state.State = next with { Version = state.State.Version + 1 };
        var message = new AlertChangesMessage(state.State.Version, alerts?.Raise ?? [], alerts?.Resolve ?? []);
        List<OutboxMessage> send = message.IsEmpty ? [] : [message];
        await changes.CommitAsync(this, state, new Change
        {
            Journal = line is null ? [] : [line],
            Send = [.. send, .. also ?? []],
        });
    }

    private sealed record Alerts(List<AlertCondition> Raise, List<string> Resolve);

    private static JsonElement Json(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.Clone();
    }
}
