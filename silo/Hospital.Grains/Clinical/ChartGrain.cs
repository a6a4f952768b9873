using System.Text.Json;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Alerts;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Clinical;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.Grains.Journal;
using Microsoft.Extensions.Options;

namespace Hospital.Grains.Clinical;

public sealed class ChartGrain(
    [PersistentState("chart", HospitalStorage.Name)] IPersistentState<ChartState> state,
    IJournal journal,
    HospitalTime clock,
    IOptions<ClinicalOptions> options) : Grain, IChartGrain, IRemindable
{
    private const string ObservationCheck = "observations-due";

    private string Mrn => this.GetPrimaryKeyString();

    private string News2Key => new AlertCondition("News2", AlertSeverity.Info, null, Mrn, "").Key;

    private string OverdueKey => new AlertCondition("ObservationsOverdue", AlertSeverity.Info, null, Mrn, "").Key;

    private IAlertsGrain Alerts => GrainFactory.GetGrain<IAlertsGrain>(0);

    public async Task<ChartEntry> AddEntry(string section, string data)
    {
        var patient = await Patient();
        var now = clock.GetUtcNow();
        var entry = new ChartEntry($"{section[..Math.Min(3, section.Length)].ToUpperInvariant()}-{Guid.NewGuid():N}"[..20], section, data, 1,
            now, Actor.Current, now, Actor.Current);
        await Save(state.State with { Entries = [.. state.State.Entries, entry] });
        await journal.RecordAsync("ChartEntryAdded", entry.Id, patient.Mrn, new { section, revision = 1, data = Json(data) }, now);
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
        await Replace(amended);
        await journal.RecordAsync("ChartEntryAmended", entryId, Mrn, new { section, revision = amended.Revision, reason, before = Json(entry.Data), data = Json(data) });
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
        await Replace(marked);
        await journal.RecordAsync("ChartEntryEnteredInError", entryId, Mrn, new { section, revision = marked.Revision, reason });
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
        await Save(state.State with { RecentVitals = recent });
        await journal.RecordAsync("VitalsRecorded", observation.Id, Mrn, observation, vitals.TakenAt);

        // The newest set by time taken decides the patient's risk (a late entry of an older set does not).
        var latest = recent[^1];
        var stay = await CurrentStay(patient);
        if (latest.Id == observation.Id)
        {
            await ApplyNews2(patient, stay, latest);
        }

        await Alerts.Resolve(OverdueKey);
        await EnsureObservationCheck(stay is not null);
        return observation;
    }

    public async Task<LabResult> RecordLab(LabResult result)
    {
        var patient = await Patient();
        var flag = LabFlags.Flag(result.Value, result.ReferenceLow, result.ReferenceHigh, result.CriticalLow, result.CriticalHigh);
        var recorded = result with { Id = "LAB-" + Guid.NewGuid().ToString("N")[..16], Mrn = Mrn, Flag = flag, RecordedAt = clock.GetUtcNow(), RecordedBy = Actor.Current };
        await Save(state.State with { RecentLabs = state.State.RecentLabs.Append(recorded).TakeLast(options.Value.RecentKept).ToList() });
        await journal.RecordAsync("LabResultRecorded", recorded.Id, Mrn, recorded, recorded.CollectedAt);
        if (LabFlags.IsCritical(flag))
        {
            var stay = await CurrentStay(patient);
            await Alerts.Raise(new AlertCondition("CriticalResult", AlertSeverity.Critical, stay?.WardId, Mrn,
                $"Critical {recorded.Name} {recorded.Value} {recorded.Unit} ({flag}) for {patient.Initials} {Mrn}{Where(stay)}: act now.",
                recorded.Id, Mrn));
        }

        return recorded;
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
            await Alerts.Resolve(OverdueKey);
            await EnsureObservationCheck(false);
            return;
        }

        var latest = state.State.RecentVitals[^1];
        if (clock.GetUtcNow() > latest.NextDueAt)
        {
            await Alerts.Raise(new AlertCondition("ObservationsOverdue", AlertSeverity.Warning, stay.WardId, Mrn,
                $"Observations for {patient!.Initials} {Mrn}{Where(stay)} were due at {latest.NextDueAt:yyyy-MM-dd HH:mm} UTC " +
                $"(NEWS2 {latest.News2.Score}: {latest.News2.Monitoring}).", PatientMrn: Mrn));
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => CheckObservationsDue();

    private async Task ApplyNews2(Patient patient, Encounter? stay, Observation observation)
    {
        var news2 = observation.News2;
        if (news2.RiskBand == News2RiskBand.Low)
        {
            // De-escalation: the alert for this patient resolves.
            await Alerts.Resolve(News2Key);
        }
        else
        {
            await Alerts.Raise(new AlertCondition("News2", news2.RiskBand == News2RiskBand.High ? AlertSeverity.Critical : AlertSeverity.Warning,
                stay?.WardId, Mrn,
                $"NEWS2 {news2.Score} ({news2.RiskBand}) for {patient.Initials} {Mrn}{Where(stay)}. {news2.Monitoring}.", PatientMrn: Mrn));
        }

        if (stay is not null)
        {
            await GrainFactory.GetGrain<IBedGrain>(stay.BedId).SetNews2(stay.EncounterId, news2.Score, news2.RiskBand.ToString());
        }
    }

    private async Task EnsureObservationCheck(bool wanted)
    {
        if (wanted == state.State.OverdueReminder)
        {
            return;
        }

        if (wanted)
        {
            await this.RegisterOrUpdateReminder(ObservationCheck, options.Value.ObservationCheckPeriod, options.Value.ObservationCheckPeriod);
        }
        else if (await this.GetReminder(ObservationCheck) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await Save(state.State with { OverdueReminder = wanted });
    }

    private async Task<Patient> Patient() =>
        await GrainFactory.GetGrain<IPatientGrain>(Mrn).Get() ?? throw HospitalException.NotFound("Patient", Mrn);

    private async Task<Encounter?> CurrentStay(Patient patient) =>
        patient.CurrentEncounterId is { } id && await GrainFactory.GetGrain<IEncounterGrain>(id).Get() is { Status: EncounterStatus.InProgress } stay
            ? stay
            : null;

    private static string Where(Encounter? stay) => stay is null ? "" : $" in bed {stay.BedId} ({stay.WardId})";

    private ChartEntry Entry(string section, string entryId) =>
        state.State.Entries.FirstOrDefault(e => e.Id == entryId && e.Section == section)
        ?? throw HospitalException.NotFound("Chart entry", entryId);

    private Task Replace(ChartEntry entry) =>
        Save(state.State with { Entries = state.State.Entries.Select(e => e.Id == entry.Id ? entry : e).ToList() });

    private async Task Save(ChartState next)
    {
        state.State = next;
        await state.WriteStateAsync();
    }

    private static JsonElement Json(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.Clone();
    }
}
