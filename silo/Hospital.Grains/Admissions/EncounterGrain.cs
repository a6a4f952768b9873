using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Live;
using Hospital.Contracts.Patients;
using Hospital.Grains.Journal;
using Hospital.Grains.Telemetry;

namespace Hospital.Grains.Admissions;

public sealed class EncounterGrain(
    [PersistentState("encounter", HospitalStorage.Name)] IPersistentState<EncounterState> state,
    IJournal journal,
    HospitalTime clock) : Grain, IEncounterGrain
{
    private string EncounterId => this.GetPrimaryKeyString();

    private Encounter Current => state.State.Encounter ?? throw HospitalException.NotFound("Encounter", EncounterId);

    private IBedGrain Bed(string id) => GrainFactory.GetGrain<IBedGrain>(id);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Settle();

    public async Task Prepare(AdmitCommand command, Patient patient)
    {
        if (state.State.Encounter is not null)
        {
            return;
        }

        var bed = await Bed(command.BedId).Get() ?? throw HospitalException.NotFound("Bed", command.BedId);
        await Write(state.State with
        {
            Pending = new PendingStep(StepKind.Admit, bed.Id, command), PatientInitials = patient.Initials, Sex = patient.Sex,
        });
    }

    public async Task<Encounter> Start()
    {
        if (state.State.Encounter is { } existing)
        {
            return existing;
        }

        if (state.State.Pending is not { Kind: StepKind.Admit, Command: { } command } step)
        {
            throw HospitalException.Conflict("Admission not prepared", $"Encounter '{EncounterId}' has no admission to start.");
        }

        Bed bed;
        try
        {
            bed = await Bed(step.BedId).Occupy(Occupancy(command.Mrn, command.IsolationRequired, command.ExpectedDischarge));
        }
        catch (HospitalException)
        {
            await state.ClearStateAsync();
            throw;
        }

        return await CompleteAdmission(command, bed);
    }

    public Task<Encounter?> Get() => Task.FromResult(state.State.Encounter);

    public async Task<Encounter> Transfer(string bedId)
    {
        var encounter = InProgress("transferred");
        if (bedId == encounter.BedId)
        {
            throw HospitalException.Conflict("Already in that bed", $"Encounter '{EncounterId}' is already in bed '{bedId}'.");
        }

        var target = await Bed(bedId).Get() ?? throw HospitalException.NotFound("Bed", bedId);
        await Write(state.State with { Pending = new PendingStep(StepKind.Transfer, target.Id) });
        try
        {
            target = await Bed(bedId).Occupy(Occupancy(encounter.Mrn, encounter.IsolationRequired, encounter.ExpectedDischarge));
        }
        catch (HospitalException)
        {
            await Write(state.State with { Pending = null });
            throw;
        }

        return await CompleteTransfer(target);
    }

    public async Task<Encounter> Discharge()
    {
        var encounter = InProgress("discharged");
        await Write(state.State with { Pending = new PendingStep(StepKind.Discharge, encounter.BedId) });
        return await CompleteDischarge();
    }

    public async Task<Encounter> CancelAdmission()
    {
        var encounter = InProgress("cancelled");
        var now = clock.GetUtcNow();
        await Bed(encounter.BedId).Vacate(EncounterId, BedStatus.Available);
        var cancelled = await Save(encounter with
        {
            Status = EncounterStatus.Cancelled, Locations = CloseLast(encounter.Locations, now),
        });
        await GrainFactory.GetGrain<IPatientGrain>(encounter.Mrn).EncounterEnded(EncounterId);
        await Record("AdmissionCancelled", cancelled, null, now);
        return cancelled;
    }

    public async Task<Encounter> CancelTransfer()
    {
        var encounter = InProgress("moved back");
        if (encounter.Locations.Count < 2)
        {
            throw HospitalException.Conflict("No transfer to cancel", $"Encounter '{EncounterId}' has not been transferred.");
        }

        var now = clock.GetUtcNow();
        var previous = encounter.Locations[^2];
        await Bed(previous.BedId).Reoccupy(Occupancy(encounter.Mrn, encounter.IsolationRequired, encounter.ExpectedDischarge));
        await Bed(encounter.BedId).Vacate(EncounterId, BedStatus.Available);
        var locations = encounter.Locations.Take(encounter.Locations.Count - 2).Append(previous with { To = null }).ToList();
        var moved = await Save(encounter with { BedId = previous.BedId, WardId = previous.WardId, Locations = locations });
        await Record("TransferCancelled", moved, encounter, now);
        return moved;
    }

    public async Task<Encounter> CancelDischarge()
    {
        var encounter = Current;
        if (encounter.Status != EncounterStatus.Finished)
        {
            throw HospitalException.Conflict("Not discharged", $"Encounter '{EncounterId}' is {encounter.Status}; only a discharge can be cancelled.");
        }

        var now = clock.GetUtcNow();
        await GrainFactory.GetGrain<IPatientGrain>(encounter.Mrn).EncounterResumed(EncounterId);
        try
        {
            await Bed(encounter.BedId).Reoccupy(Occupancy(encounter.Mrn, encounter.IsolationRequired, encounter.ExpectedDischarge));
        }
        catch (HospitalException)
        {
            await GrainFactory.GetGrain<IPatientGrain>(encounter.Mrn).EncounterEnded(EncounterId);
            throw;
        }

        var locations = encounter.Locations.Take(encounter.Locations.Count - 1).Append(encounter.Locations[^1] with { To = null }).ToList();
        var resumed = await Save(encounter with { Status = EncounterStatus.InProgress, DischargedAt = null, Locations = locations });
        await Record("DischargeCancelled", resumed, null, now);
        return resumed;
    }

    public async Task<Encounter> SetExpectedDischarge(DateOnly? date)
    {
        var encounter = InProgress("changed");
        if (encounter.ExpectedDischarge == date)
        {
            return encounter;
        }

        await Bed(encounter.BedId).SetExpectedDischarge(EncounterId, date);
        var updated = await Save(encounter with { ExpectedDischarge = date });
        await journal.RecordAsync("ExpectedDischargeChanged", EncounterId, encounter.Mrn, new { encounter.BedId, expectedDischarge = date });
        return updated;
    }

    public async Task<Encounter> SwapWith(string otherEncounterId)
    {
        var mine = InProgress("swapped");
        var otherGrain = GrainFactory.GetGrain<IEncounterGrain>(otherEncounterId);
        var other = await otherGrain.Get() ?? throw HospitalException.NotFound("Encounter", otherEncounterId);
        if (other.Status != EncounterStatus.InProgress || other.EncounterId == EncounterId)
        {
            throw HospitalException.Conflict("Cannot swap", $"Encounter '{otherEncounterId}' is not another in-progress admission.");
        }

        var otherOccupant = (await Bed(other.BedId).Get())!;
        var occupant = Occupancy(mine.Mrn, mine.IsolationRequired, mine.ExpectedDischarge);
        var incoming = new Occupancy(other.Mrn, other.EncounterId, otherOccupant.PatientInitials ?? "", await SexOf(other.Mrn),
            other.IsolationRequired, other.ExpectedDischarge);
        // Check both ways before changing either bed.
        await Bed(mine.BedId).CheckSuits(incoming);
        await Bed(other.BedId).CheckSuits(occupant);

        var now = clock.GetUtcNow();
        var myOldBed = await Bed(mine.BedId).ReplaceOccupant(EncounterId, incoming);
        var myNewBed = await Bed(other.BedId).ReplaceOccupant(other.EncounterId, occupant);
        await otherGrain.MovedBySwap(myOldBed);
        var swapped = await Save(mine with
        {
            BedId = myNewBed.Id, WardId = myNewBed.WardId,
            Locations = [.. CloseLast(mine.Locations, now), new BedStay(myNewBed.Id, myNewBed.WardId, now, null)],
        });
        await Record("Swapped", swapped, mine, now);
        return swapped;
    }

    public async Task<Encounter> MovedBySwap(Bed bed)
    {
        var encounter = Current;
        var now = clock.GetUtcNow();
        var moved = await Save(encounter with
        {
            BedId = bed.Id, WardId = bed.WardId,
            Locations = [.. CloseLast(encounter.Locations, now), new BedStay(bed.Id, bed.WardId, now, null)],
        });
        await Record("Swapped", moved, encounter, now);
        return moved;
    }

    /// <summary>Finishes, or forgets, a bed step that a crash interrupted: the beds say how far it got.</summary>
    private async Task Settle()
    {
        if (state.State.Pending is not { } step)
        {
            return;
        }

        var bed = await Bed(step.BedId).Get();
        var reached = bed?.EncounterId == EncounterId;
        switch (step.Kind)
        {
            case StepKind.Admit when reached:
                await CompleteAdmission(step.Command!, bed!);
                break;
            case StepKind.Admit:
                await state.ClearStateAsync();
                break;
            case StepKind.Transfer when reached:
                await CompleteTransfer(bed!);
                break;
            case StepKind.Discharge:
                await CompleteDischarge();
                break;
            default:
                await Write(state.State with { Pending = null });
                break;
        }
    }

    private async Task<Encounter> CompleteAdmission(AdmitCommand command, Bed bed)
    {
        var now = clock.GetUtcNow();
        var encounter = new Encounter(EncounterId, command.Mrn, bed.Id, bed.WardId, EncounterStatus.InProgress, now, null,
            command.IsolationRequired, command.ExpectedDischarge, [new BedStay(bed.Id, bed.WardId, now, null)], 1);
        // The encounter and its journal line are independent writes; both are durable before anyone hears of it.
        await Task.WhenAll(
            Write(state.State with { Encounter = encounter, Pending = null }),
            journal.RecordAsync("Admitted", EncounterId, command.Mrn,
                new { encounterId = EncounterId, bedId = bed.Id, wardId = bed.WardId, requestedAt = command.RequestedAt ?? now, admittedAt = now }, now));
        if (command.RequestedAt is { } requested)
        {
            HospitalMetrics.TimeToBed.Record((now - requested).TotalMinutes, HospitalMetrics.Ward(bed.WardId));
        }

        await Publish("Admitted", encounter, null, now);
        return encounter;
    }

    private async Task<Encounter> CompleteTransfer(Bed target)
    {
        var encounter = Current;
        var now = clock.GetUtcNow();
        await Bed(encounter.BedId).Vacate(EncounterId, BedStatus.Dirty);
        var moved = encounter with
        {
            BedId = target.Id, WardId = target.WardId, Version = encounter.Version + 1,
            Locations = [.. CloseLast(encounter.Locations, now), new BedStay(target.Id, target.WardId, now, null)],
        };
        await Task.WhenAll(Write(state.State with { Encounter = moved, Pending = null }), Journal("Transferred", moved, encounter, now));
        await Publish("Transferred", moved, encounter, now);
        return moved;
    }

    private async Task<Encounter> CompleteDischarge()
    {
        var encounter = Current;
        var now = clock.GetUtcNow();
        await Bed(encounter.BedId).Vacate(EncounterId, BedStatus.Dirty);
        var finished = encounter with
        {
            Status = EncounterStatus.Finished, DischargedAt = now, Version = encounter.Version + 1,
            Locations = CloseLast(encounter.Locations, now),
        };
        await Task.WhenAll(
            Write(state.State with { Encounter = finished, Pending = null }),
            GrainFactory.GetGrain<IPatientGrain>(encounter.Mrn).EncounterEnded(EncounterId),
            Journal("Discharged", finished, null, now));
        await Publish("Discharged", finished, null, now);
        HospitalMetrics.LengthOfStay.Record((now - encounter.AdmittedAt).TotalHours, HospitalMetrics.Ward(encounter.WardId));
        return finished;
    }

    private Encounter InProgress(string verb)
    {
        var encounter = Current;
        return encounter.Status == EncounterStatus.InProgress
            ? encounter
            : throw HospitalException.Conflict("Encounter not in progress", $"Encounter '{EncounterId}' is {encounter.Status} and cannot be {verb}.");
    }

    private Occupancy Occupancy(string mrn, bool isolation, DateOnly? expectedDischarge) =>
        new(mrn, EncounterId, state.State.PatientInitials, state.State.Sex, isolation, expectedDischarge);

    private async Task<Sex> SexOf(string mrn) =>
        (await GrainFactory.GetGrain<IPatientGrain>(mrn).Get())?.Sex ?? Sex.Unknown;

    private static IReadOnlyList<BedStay> CloseLast(IReadOnlyList<BedStay> stays, DateTimeOffset at) =>
        stays.Count == 0 ? stays : [.. stays.Take(stays.Count - 1), stays[^1] with { To = at }];

    private async Task<Encounter> Save(Encounter encounter)
    {
        var saved = encounter with { Version = Current.Version + 1 };
        await Write(state.State with { Encounter = saved });
        return saved;
    }

    private async Task Write(EncounterState next)
    {
        state.State = next;
        await state.WriteStateAsync();
    }

    /// <summary>Journals an ADT event and pushes it to the wards involved (both, for a move between wards).</summary>
    private async Task Record(string kind, Encounter encounter, Encounter? before, DateTimeOffset at)
    {
        await Journal(kind, encounter, before, at);
        await Publish(kind, encounter, before, at);
    }

    private Task Journal(string kind, Encounter encounter, Encounter? before, DateTimeOffset at) =>
        journal.RecordAsync(kind, EncounterId, encounter.Mrn, new
        {
            encounterId = EncounterId, bedId = encounter.BedId, wardId = encounter.WardId, fromBedId = before?.BedId,
            fromWardId = before?.WardId, admittedAt = encounter.AdmittedAt, dischargedAt = encounter.DischargedAt,
        }, at);

    private async Task Publish(string kind, Encounter encounter, Encounter? before, DateTimeOffset at)
    {
        HospitalMetrics.AdtEvents.Add(1, HospitalMetrics.Ward(encounter.WardId), new("kind", kind));
        var wards = before is null || before.WardId == encounter.WardId ? [encounter.WardId] : new[] { before.WardId, encounter.WardId };
        var adt = new AdtEvent(kind, EncounterId, encounter.Mrn, encounter.BedId, before?.BedId, at);
        await GrainFactory.GetGrain<ILiveFeedGrain>(0).Publish([new LiveEvent(wards, ToHospital: false, Adt: adt)]);
    }
}
