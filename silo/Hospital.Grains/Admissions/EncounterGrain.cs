using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Billing;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Live;
using Hospital.Contracts.Patients;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;
using Hospital.Grains.Telemetry;

namespace Hospital.Grains.Admissions;

/// <summary>
/// The admission and every workflow that moves its patient. Each workflow is one method pair: <c>Begin</c> commits the
/// intent with a resume job, then the step runs to its end (<see cref="Run"/>): the beds' calls are idempotent (keyed by
/// this encounter), so running a step again after a crash finishes it, and a bed that refuses undoes it. The outcome,
/// its journal line and its messages commit in one transaction that also removes the resume job.
/// </summary>
public sealed class EncounterGrain(
    [PersistentState("encounter", HospitalStorage.Name)] IPersistentState<EncounterState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IEncounterGrain
{
    private const int RememberedSteps = 16;

    private string EncounterId => this.GetPrimaryKeyString();

    private Encounter Current => state.State.Encounter ?? throw HospitalException.NotFound("Encounter", EncounterId);

    private IBedGrain Bed(string id) => GrainFactory.GetGrain<IBedGrain>(id);

    public Task<Encounter?> Get() => Task.FromResult(state.State.Encounter);

    public async Task<Encounter> Admit(AdmitCommand command, Patient patient)
    {
        if (state.State.Encounter is { } existing)
        {
            return existing;
        }

        if (state.State.Pending is not { Kind: StepKind.Admit })
        {
            var bed = await Bed(command.BedId).Get() ?? throw HospitalException.NotFound("Bed", command.BedId);
            state.State = state.State with { PatientInitials = patient.Initials, Sex = patient.Sex };
            await Begin(new PendingStep(StepKind.Admit, bed.Id, command, EncounterId, clock.GetUtcNow(), command.QueueRequest));
        }

        return await Run(callerWaits: true);
    }

    public Task<Encounter> Transfer(string bedId, QueueEntry? queueRequest = null) =>
        Start(StepKind.Transfer, $"transfer:{bedId}", async () =>
        {
            if (bedId == InProgress("transferred").BedId)
            {
                throw HospitalException.Conflict("Already in that bed", $"Encounter '{EncounterId}' is already in bed '{bedId}'.");
            }

            return (await Bed(bedId).Get() ?? throw HospitalException.NotFound("Bed", bedId)).Id;
        }, queueRequest);

    public Task<Encounter> Discharge() =>
        Start(StepKind.Discharge, "discharge", () => Task.FromResult(InProgress("discharged").BedId));

    public Task<Encounter> CancelAdmission() =>
        Start(StepKind.CancelAdmission, "cancel-admission", () => Task.FromResult(InProgress("cancelled").BedId));

    public Task<Encounter> CancelTransfer() =>
        Start(StepKind.CancelTransfer, "cancel-transfer", () => Task.FromResult(InProgress("moved back") is { Locations.Count: >= 2 } moved
            ? moved.Locations[^2].BedId
            : throw HospitalException.Conflict("No transfer to cancel", $"Encounter '{EncounterId}' has not been transferred.")));

    public Task<Encounter> CancelDischarge(string? bedId = null) =>
        Start(StepKind.CancelDischarge, "cancel-discharge", async () => Current is { Status: EncounterStatus.Finished } finished
            ? bedId is null || bedId == finished.BedId ? finished.BedId : (await Bed(bedId).Get() ?? throw HospitalException.NotFound("Bed", bedId)).Id
            : throw HospitalException.Conflict("Not discharged", $"Encounter '{EncounterId}' is {Current.Status}; only a discharge can be cancelled."));

    public Task<Encounter> ChangePatient(Patient survivor) =>
        Start(StepKind.ChangePatient, $"change-patient:{survivor.Mrn}", () => Task.FromResult(InProgress("merged").BedId), newPatient: survivor);

    public async Task<Encounter> SetExpectedDischarge(DateOnly? date)
    {
        await Settled(null);
        var encounter = InProgress("changed");
        if (encounter.ExpectedDischarge == date)
        {
            return encounter;
        }

        var updated = encounter with { ExpectedDischarge = date, Version = encounter.Version + 1 };
        state.State = state.State with { Encounter = updated };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [Line(AdtEventKind.ExpectedDischargeChanged, updated, null, clock.GetUtcNow())],
            Send = [new BedExpectedDischargeMessage(updated.BedId, EncounterId, date)],
        });
        return updated;
    }

    public async Task<Encounter> SwapWith(string otherEncounterId)
    {
        if (otherEncounterId == EncounterId)
        {
            throw HospitalException.Conflict("Cannot swap", $"Encounter '{EncounterId}' cannot swap with itself.");
        }

        return await GrainFactory.GetGrain<ISwapGrain>(SwapKeys.For(EncounterId, otherEncounterId)).Swap(EncounterId, otherEncounterId);
    }

    public async Task Resume()
    {
        if (state.State.Pending is { Kind: not StepKind.Swap })
        {
            try
            {
                await Run(callerWaits: false);
            }
            catch (HospitalException)
            {
                // The step was refused and undone; nobody is waiting for the answer.
            }
        }
    }

    public async Task<Encounter> HoldForSwap(string swapId)
    {
        if (state.State.Pending is { Kind: StepKind.Swap } held && held.StepId == swapId || state.State.CompletedSteps.Contains(swapId))
        {
            // Held already, or this encounter's side of the swap is done (a resumed swap repeats its steps).
            return Current;
        }

        await Settled(null);
        var encounter = InProgress("swapped");
        state.State = state.State with { Pending = new PendingStep(StepKind.Swap, encounter.BedId, null, swapId, clock.GetUtcNow()) };
        await changes.CommitAsync(this, state, Change.None);
        return encounter;
    }

    public async Task<Encounter> CompleteSwap(string swapId, Bed bed)
    {
        if (state.State.Pending is not { Kind: StepKind.Swap } held || held.StepId != swapId)
        {
            // Completed already (a resumed swap repeats its last steps).
            return Current;
        }

        var encounter = Current;
        var now = clock.GetUtcNow();
        var moved = encounter.BedId == bed.Id ? encounter : encounter with
        {
            BedId = bed.Id, WardId = bed.WardId, Version = encounter.Version + 1,
            Locations = [.. CloseLast(encounter.Locations, now), new BedStay(bed.Id, bed.WardId, now, null)],
        };
        return await Finish(held, moved, encounter, AdtEventKind.Swapped, now);
    }

    public async Task AbandonSwap(string swapId)
    {
        if (state.State.Pending is { Kind: StepKind.Swap } held && held.StepId == swapId)
        {
            state.State = state.State with { Pending = null };
            await changes.CommitAsync(this, state, Change.None);
        }
    }

    /// <summary>
    /// Starts a step after settling any step a crash left behind: <paramref name="check"/> refuses what the encounter's
    /// state does not allow and names the bed the step works on.
    /// </summary>
    private async Task<Encounter> Start(StepKind kind, string purpose, Func<Task<string>> check, QueueEntry? queueRequest = null,
        Patient? newPatient = null)
    {
        var stepId = Operation.NewId("S", $"{purpose}:{EncounterId}");
        if (await Settled(stepId) is { } done)
        {
            return done;
        }

        var bedId = await check();
        await Begin(new PendingStep(kind, bedId, null, stepId, clock.GetUtcNow(), queueRequest, newPatient));
        return await Run(callerWaits: true);
    }

    /// <summary>
    /// Finishes a step a crash interrupted before a new one starts; returns the encounter when <paramref name="stepId"/>
    /// is a step already completed (a retried request), so it gets its first answer again.
    /// </summary>
    private async Task<Encounter?> Settled(string? stepId)
    {
        switch (state.State.Pending)
        {
            case { Kind: StepKind.Swap }:
                throw HospitalException.Conflict("Swap under way", $"Encounter '{EncounterId}' is being swapped; try again in a moment.");
            case not null:
                try
                {
                    await Run(callerWaits: false);
                }
                catch (HospitalException)
                {
                    // That earlier step was refused and undone; the new request goes on.
                }

                break;
        }

        return stepId is not null && state.State.CompletedSteps.Contains(stepId) ? state.State.Encounter : null;
    }

    /// <summary>Commits the intent and its resume job, before any bed is touched.</summary>
    private async Task Begin(PendingStep step)
    {
        state.State = state.State with { Pending = step };
        await changes.CommitAsync(this, state, new Change
        {
            Schedule = [new ScheduledMessage(new ResumeEncounter(EncounterId) { MessageId = JobId(step) }, GrainChanges.ResumeAfter)],
        });
    }

    /// <summary>Runs the pending step from the start: every bed call repeats harmlessly what an earlier attempt did.</summary>
    private async Task<Encounter> Run(bool callerWaits)
    {
        var step = state.State.Pending!;
        try
        {
            return step.Kind switch
            {
                StepKind.Admit => await RunAdmit(step, callerWaits),
                StepKind.Transfer => await RunTransfer(step),
                StepKind.Discharge => await RunDischarge(step),
                StepKind.CancelAdmission => await RunCancelAdmission(step),
                StepKind.CancelTransfer => await RunCancelTransfer(step),
                StepKind.CancelDischarge => await RunCancelDischarge(step),
                StepKind.ChangePatient => await RunChangePatient(step),
                _ => Current,
            };
        }
        catch (HospitalException) when (state.State.Pending?.StepId == step.StepId)
        {
            // A bed or the patient refused: nothing of the step remains (each Run undoes what it did before throwing).
            await Abandon(step);
            throw;
        }
    }

    private async Task<Encounter> RunAdmit(PendingStep step, bool callerWaits)
    {
        var command = step.Command!;
        Bed bed;
        try
        {
            bed = await Bed(step.BedId).Occupy(Occupancy(command.Mrn, command.IsolationRequired, command.ExpectedDischarge));
        }
        catch (HospitalException)
        {
            // The patient grain is waiting for this call and clears its own record; a resumed admission tells it.
            var ended = new EncounterEndedMessage(command.Mrn, EncounterId);
            state.State = new EncounterState();
            await changes.ClearAsync(this, state, new Change { Done = [JobId(step)], Post = callerWaits ? [] : [ended] });
            throw;
        }

        var admittedAt = step.StartedAt;
        var encounter = new Encounter(EncounterId, command.Mrn, bed.Id, bed.WardId, EncounterStatus.InProgress, admittedAt, null,
            command.IsolationRequired, command.ExpectedDischarge, [new BedStay(bed.Id, bed.WardId, admittedAt, null)], 1);
        if (command.RequestedAt is { } requested)
        {
            HospitalMetrics.TimeToBed.Record((admittedAt - requested).TotalMinutes, HospitalMetrics.Ward(bed.WardId));
        }

        return await Finish(step, encounter, null, AdtEventKind.Admitted, admittedAt, command.RequestedAt ?? admittedAt);
    }

    private async Task<Encounter> RunTransfer(PendingStep step)
    {
        var encounter = Current;
        var target = await Bed(step.BedId).Occupy(Occupancy(encounter.Mrn, encounter.IsolationRequired, encounter.ExpectedDischarge));
        await Bed(encounter.BedId).Vacate(EncounterId, BedStatus.Dirty);
        var at = step.StartedAt;
        var moved = encounter with
        {
            BedId = target.Id, WardId = target.WardId, Version = encounter.Version + 1,
            Locations = [.. CloseLast(encounter.Locations, at), new BedStay(target.Id, target.WardId, at, null)],
        };
        return await Finish(step, moved, encounter, AdtEventKind.Transferred, at);
    }

    private async Task<Encounter> RunDischarge(PendingStep step)
    {
        var encounter = Current;
        await Bed(step.BedId).Vacate(EncounterId, BedStatus.Dirty);
        var at = step.StartedAt;
        var finished = encounter with
        {
            Status = EncounterStatus.Finished, DischargedAt = at, Version = encounter.Version + 1, Locations = CloseLast(encounter.Locations, at),
        };
        HospitalMetrics.LengthOfStay.Record((at - encounter.AdmittedAt).TotalHours, HospitalMetrics.Ward(encounter.WardId));
        return await Finish(step, finished, null, AdtEventKind.Discharged, at, ended: true);
    }

    private async Task<Encounter> RunCancelAdmission(PendingStep step)
    {
        var encounter = Current;
        await Bed(step.BedId).Vacate(EncounterId, BedStatus.Available);
        var at = step.StartedAt;
        var cancelled = encounter with
        {
            Status = EncounterStatus.Cancelled, Version = encounter.Version + 1, Locations = CloseLast(encounter.Locations, at),
        };
        return await Finish(step, cancelled, null, AdtEventKind.AdmissionCancelled, at, ended: true);
    }

    private async Task<Encounter> RunCancelTransfer(PendingStep step)
    {
        var encounter = Current;
        var previous = encounter.Locations[^2];
        // Back into the previous bed first, then free the current one: the patient is never without a bed.
        await Bed(previous.BedId).Reoccupy(Occupancy(encounter.Mrn, encounter.IsolationRequired, encounter.ExpectedDischarge));
        await Bed(encounter.BedId).Vacate(EncounterId, BedStatus.Available);
        var locations = encounter.Locations.Take(encounter.Locations.Count - 2).Append(previous with { To = null }).ToList();
        var moved = encounter with { BedId = previous.BedId, WardId = previous.WardId, Locations = locations, Version = encounter.Version + 1 };
        return await Finish(step, moved, encounter, AdtEventKind.TransferCancelled, step.StartedAt);
    }

    private async Task<Encounter> RunCancelDischarge(PendingStep step)
    {
        var encounter = Current;
        var patient = GrainFactory.GetGrain<IPatientGrain>(encounter.Mrn);
        await patient.EncounterResumed(EncounterId);
        Bed bed;
        try
        {
            bed = await Bed(step.BedId).Reoccupy(Occupancy(encounter.Mrn, encounter.IsolationRequired, encounter.ExpectedDischarge));
        }
        catch (HospitalException)
        {
            await patient.EncounterEnded(EncounterId);
            throw;
        }

        // Back in the same bed, the last stay goes on; in another (a feed's A13 may name one), a new stay begins.
        var locations = bed.Id == encounter.BedId
            ? encounter.Locations.Take(encounter.Locations.Count - 1).Append(encounter.Locations[^1] with { To = null }).ToList()
            : [.. encounter.Locations, new BedStay(bed.Id, bed.WardId, step.StartedAt, null)];
        var resumed = encounter with
        {
            Status = EncounterStatus.InProgress, DischargedAt = null, BedId = bed.Id, WardId = bed.WardId, Locations = locations,
            Version = encounter.Version + 1,
        };
        return await Finish(step, resumed, null, AdtEventKind.DischargeCancelled, step.StartedAt);
    }

    private async Task<Encounter> RunChangePatient(PendingStep step)
    {
        var encounter = Current;
        var survivor = step.NewPatient!;
        // The survivor takes the encounter first (refused if they are admitted elsewhere), then the bed shows them.
        var next = GrainFactory.GetGrain<IPatientGrain>(survivor.Mrn);
        await next.EncounterResumed(EncounterId);
        try
        {
            await Bed(encounter.BedId).ReplaceOccupant(EncounterId,
                new Occupancy(survivor.Mrn, EncounterId, survivor.Initials, survivor.Sex, encounter.IsolationRequired, encounter.ExpectedDischarge));
        }
        catch (HospitalException)
        {
            await next.EncounterEnded(EncounterId);
            throw;
        }

        state.State = state.State with { PatientInitials = survivor.Initials, Sex = survivor.Sex };
        var merged = encounter with { Mrn = survivor.Mrn, Version = encounter.Version + 1 };
        return await Finish(step, merged, null, AdtEventKind.PatientMerged, step.StartedAt);
    }

    /// <summary>Commits a step's outcome, its journal line, its messages and the removal of its resume job, together.</summary>
    private async Task<Encounter> Finish(PendingStep step, Encounter next, Encounter? before, AdtEventKind kind, DateTimeOffset at,
        DateTimeOffset? requestedAt = null, bool ended = false)
    {
        var send = new List<Contracts.Changes.OutboxMessage>(2);
        if (ended)
        {
            send.Add(new EncounterEndedMessage(next.Mrn, EncounterId));
        }

        if (step.QueueRequest is { } entry)
        {
            send.Add(new QueueEntryPlacedMessage(entry, EncounterId));
        }

        state.State = state.State with
        {
            Encounter = next,
            Pending = null,
            CompletedSteps = [.. state.State.CompletedSteps.TakeLast(RememberedSteps - 1), step.StepId],
        };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [Line(kind, next, before, at, requestedAt)],
            Send = send,
            // The account follows the stay (bed-days, credits when undone) without holding this step.
            Post = [new AccountStayMessage(next)],
            Done = step.Kind == StepKind.Swap ? [] : [JobId(step)],
        });
        await Publish(kind, next, before, at);
        return next;
    }

    /// <summary>A refused step leaves nothing behind: its intent and resume job go.</summary>
    private async Task Abandon(PendingStep step)
    {
        if (state.State.Encounter is null)
        {
            return;
        }

        state.State = state.State with { Pending = null };
        await changes.CommitAsync(this, state, new Change { Done = [JobId(step)] });
    }

    private static string JobId(PendingStep step) => $"resume-encounter:{step.StepId}";

    private Encounter InProgress(string verb)
    {
        var encounter = Current;
        return encounter.Status == EncounterStatus.InProgress
            ? encounter
            : throw HospitalException.Conflict("Encounter not in progress", $"Encounter '{EncounterId}' is {encounter.Status} and cannot be {verb}.");
    }

    private Occupancy Occupancy(string mrn, bool isolation, DateOnly? expectedDischarge) =>
        new(mrn, EncounterId, state.State.PatientInitials, state.State.Sex, isolation, expectedDischarge);

    private static IReadOnlyList<BedStay> CloseLast(IReadOnlyList<BedStay> stays, DateTimeOffset at) =>
        stays.Count == 0 ? stays : [.. stays.Take(stays.Count - 1), stays[^1] with { To = at }];

    private JournalAppend Line(AdtEventKind kind, Encounter encounter, Encounter? before, DateTimeOffset at, DateTimeOffset? requestedAt = null) =>
        JournalExtensions.Line(kind.ToString(), EncounterId, encounter.Mrn, new AdtJournalEvent(
            EncounterId, encounter.BedId, encounter.WardId, before?.BedId, before?.WardId, encounter.AdmittedAt, encounter.DischargedAt,
            requestedAt, encounter.ExpectedDischarge), at);

    /// <summary>Pushes the ADT event to the wards involved (both, for a move between wards). Live only: not durable.</summary>
    private async Task Publish(AdtEventKind kind, Encounter encounter, Encounter? before, DateTimeOffset at)
    {
        HospitalMetrics.AdtEvents.Add(1, HospitalMetrics.Ward(encounter.WardId), new("kind", kind.ToString()));
        var wards = before is null || before.WardId == encounter.WardId ? [encounter.WardId] : new[] { before.WardId, encounter.WardId };
        var adt = new AdtEvent(kind.ToString(), EncounterId, encounter.Mrn, encounter.BedId, before?.BedId, at);
        await GrainFactory.GetGrain<ILiveFeedGrain>(0).Publish([new LiveEvent(wards, ToHospital: false, Adt: adt)]);
    }
}
