using Hospital.Contracts.Beds;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;
using Hospital.Grains.Telemetry;
using Microsoft.Extensions.Options;

namespace Hospital.Grains.Beds;

public sealed class BedGrain(
    [PersistentState("bed", HospitalStorage.Name)] IPersistentState<BedState> state,
    GrainChanges changes,
    HospitalTime clock,
    IOptions<BedOptions> options) : Grain, IBedGrain
{
    /// <summary>The longest one timer wait: a grain timer holds at most ~49.7 days, so a later lapse re-arms on the way.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    private IGrainTimer? _reservationTimer;

    private string BedId => this.GetPrimaryKeyString();

    private Bed Current => state.State.Bed ?? throw HospitalException.NotFound("Bed", BedId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A reservation that lapsed while the bed was inactive lapses on the timer's first tick, not here: the ward may
        // be activating and waiting on this bed, and it would wait for our change in turn. One stored further ahead than
        // Hospital:Beds:MaxReservation allows (from before the limit, or a lowered one) is cut back on that tick too.
        ScheduleReservationLapse();
        return Task.CompletedTask;
    }

    public async Task<Bed> Create(string wardId, string room, bool isolationCapable)
    {
        if (state.State.Bed is { } existing)
        {
            if (existing.WardId == wardId)
            {
                // The ward's bed creation, repeated after a crash (the ward refuses a bed it already lists).
                return existing;
            }

            throw HospitalException.Conflict("Bed already exists", $"Bed '{BedId}' already exists on ward '{existing.WardId}'.");
        }

        var bed = new Bed(BedId, wardId, room, BedStatus.Available, null, null, clock.GetUtcNow(), isolationCapable, null, 1);
        state.State = new BedState { Bed = bed };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [Line(BedEventKind.BedCreated, bed, null, bed.Since)],
        });
        return bed;
    }

    public Task<Bed?> Get() => Task.FromResult(state.State.Bed);

    public async Task<Bed> SetStatus(BedStatus status, string? reason)
    {
        var bed = Current;
        if (bed.Status == status && status != BedStatus.Blocked)
        {
            return bed;
        }

        if (status is BedStatus.Occupied or BedStatus.Reserved)
        {
            throw Refused(bed, status, $"A bed becomes {status} only through {(status == BedStatus.Occupied ? "an admission" : "a reservation")}.");
        }

        if (bed.Status == status)
        {
            // Blocked again with a new reason: the reason changes, the status does not.
            return reason == bed.Reason ? bed : await Change(bed with { Reason = reason }, BedEventKind.BedBlockReasonChanged);
        }

        if (bed.Status == BedStatus.Occupied)
        {
            throw Refused(bed, status, $"Bed '{BedId}' is occupied; discharge or transfer the patient to free it.");
        }

        if (bed.Status == BedStatus.Reserved)
        {
            throw Refused(bed, status, $"Bed '{BedId}' is reserved; release the reservation first.");
        }

        if (!BedTransitions.IsAllowed(bed.Status, status))
        {
            throw Refused(bed, status, $"Bed '{BedId}' is {bed.Status}; it cannot become {status}.");
        }

        return await Change(Cleared(bed, status) with { Reason = status == BedStatus.Blocked ? reason : null }, BedEventKind.BedStatusChanged);
    }

    public async Task<Bed> Reserve(string mrn, string patientInitials, DateTimeOffset? until)
    {
        var bed = Current;
        var now = clock.GetUtcNow();
        if (until is { } end && (end <= now || end > now + options.Value.MaxReservation))
        {
            throw HospitalException.Invalid("until", $"The until field must be {options.Value.ReservationRule}.");
        }

        if (bed.Status == BedStatus.Reserved && bed.Mrn == mrn)
        {
            if (bed.ReservedUntil == until)
            {
                return bed;
            }

            var extended = await Change(bed with { ReservedUntil = until }, BedEventKind.BedReserved);
            ScheduleReservationLapse();
            return extended;
        }

        if (bed.Status != BedStatus.Available)
        {
            throw Refused(bed, BedStatus.Reserved, $"Bed '{BedId}' is {bed.Status}; only an Available bed can be reserved.");
        }

        var reserved = await Change(Cleared(bed, BedStatus.Reserved) with { Mrn = mrn, PatientInitials = patientInitials, ReservedUntil = until }, BedEventKind.BedReserved);
        ScheduleReservationLapse();
        return reserved;
    }

    public async Task<Bed> Release()
    {
        var bed = Current;
        if (bed.Status == BedStatus.Available)
        {
            return bed;
        }

        if (bed.Status != BedStatus.Reserved)
        {
            throw Refused(bed, BedStatus.Available, $"Bed '{BedId}' is {bed.Status}; only a Reserved bed can be released.");
        }

        return await Change(Cleared(bed, BedStatus.Available), BedEventKind.BedReleased);
    }

    public async Task<Bed> Occupy(Occupancy occupancy)
    {
        var bed = Current;
        if (bed.Status == BedStatus.Occupied && bed.EncounterId == occupancy.EncounterId)
        {
            return bed;
        }

        await CheckOccupy(bed, occupancy);
        return await Change(Occupied(bed, occupancy), BedEventKind.BedOccupied);
    }

    public async Task<Bed> Vacate(string encounterId, BedStatus then)
    {
        var bed = Current;
        if (bed.EncounterId != encounterId)
        {
            // Already vacated by this encounter (a retried call): nothing to do.
            return bed;
        }

        return await Change(Cleared(bed, then), BedEventKind.BedVacated, bed.Mrn);
    }

    public async Task<Bed> ReplaceOccupant(string encounterId, Occupancy next)
    {
        var bed = Current;
        if (bed.EncounterId == next.EncounterId && bed.Mrn == next.Mrn)
        {
            // Done already (a resumed swap or merge repeats its steps).
            return bed;
        }

        if (bed.Status != BedStatus.Occupied || bed.EncounterId != encounterId)
        {
            throw HospitalException.Conflict("Bed changed", $"Bed '{BedId}' no longer holds encounter '{encounterId}'.");
        }

        await CheckSuits(bed, next);
        return await Change(Occupied(bed, next) with { Since = bed.Since }, BedEventKind.BedOccupantSwapped);
    }

    public Task CheckSuits(Occupancy occupancy) => CheckSuits(Current, occupancy);

    public async Task<Bed> SetExpectedDischarge(string encounterId, DateOnly? date)
    {
        var bed = Current;
        if (bed.EncounterId != encounterId || bed.ExpectedDischarge == date)
        {
            return bed;
        }

        return await Change(bed with { ExpectedDischarge = date }, BedEventKind.BedExpectedDischargeChanged);
    }

    public async Task<Bed> SetNews2(string encounterId, int score, string riskBand, long chartVersion = 0)
    {
        var bed = Current;
        if (bed.EncounterId != encounterId || (chartVersion > 0 && chartVersion <= state.State.News2ChartVersion)
            || (bed.News2Score == score && bed.News2RiskBand == riskBand))
        {
            return bed;
        }

        state.State = state.State with { News2ChartVersion = chartVersion };
        return await Change(bed with { News2Score = score, News2RiskBand = riskBand }, BedEventKind.BedNews2Changed);
    }

    public async Task<Bed> Reoccupy(Occupancy occupancy)
    {
        var bed = Current;
        if (bed.Status == BedStatus.Occupied && bed.EncounterId == occupancy.EncounterId)
        {
            return bed;
        }

        await CheckReoccupy(bed, occupancy);
        return await Change(Occupied(bed, occupancy), BedEventKind.BedReoccupied);
    }

    public Task CheckOccupy(Occupancy occupancy) => CheckOccupy(Current, occupancy);

    public Task CheckReoccupy(Occupancy occupancy) => CheckReoccupy(Current, occupancy);

    /// <summary>What <see cref="Occupy"/> requires: Available, or Reserved for this patient, and suited to them (<see cref="BedPlacement"/>).</summary>
    private async Task CheckOccupy(Bed bed, Occupancy occupancy)
    {
        if (!BedPlacement.StatusAdmits(bed, occupancy.Mrn))
        {
            throw Refused(bed, BedStatus.Occupied, bed.Status == BedStatus.Reserved
                ? $"Bed '{BedId}' is reserved for another patient."
                : $"Bed '{BedId}' is {bed.Status}; a patient can only be placed in an Available bed or one reserved for them.");
        }

        await CheckSuits(bed, occupancy);
    }

    /// <summary>What <see cref="Reoccupy"/> requires: unused since the patient left (Dirty, Cleaning or Available), and suited to them.</summary>
    private async Task CheckReoccupy(Bed bed, Occupancy occupancy)
    {
        if (bed.Status is not (BedStatus.Dirty or BedStatus.Cleaning or BedStatus.Available))
        {
            throw Refused(bed, BedStatus.Occupied, $"Bed '{BedId}' is {bed.Status} and has been used since; the patient cannot be put back.");
        }

        await CheckSuits(bed, occupancy);
    }

    private async Task CheckSuits(Bed bed, Occupancy occupancy)
    {
        // Isolation first: it needs no ward, so a refusal on it costs no call.
        if (BedPlacement.Unsuited(bed, null, occupancy.Sex, occupancy.IsolationRequired) is { } isolation)
        {
            throw HospitalException.Conflict(isolation.Title, isolation.Detail);
        }

        var ward = await GrainFactory.GetGrain<IWardGrain>(bed.WardId).GetProfile();
        if (BedPlacement.Unsuited(bed, ward?.SexPolicy, occupancy.Sex, occupancy.IsolationRequired) is { } refusal)
        {
            throw HospitalException.Conflict(refusal.Title, refusal.Detail);
        }
    }

    private Bed Occupied(Bed bed, Occupancy occupancy) => Cleared(bed, BedStatus.Occupied) with
    {
        Mrn = occupancy.Mrn,
        EncounterId = occupancy.EncounterId,
        PatientInitials = occupancy.PatientInitials,
        IsolationRequired = occupancy.IsolationRequired,
        ExpectedDischarge = occupancy.ExpectedDischarge,
    };

    /// <summary>The bed in a new status with nobody in or promised it.</summary>
    private Bed Cleared(Bed bed, BedStatus status) => bed with
    {
        Status = status, Since = clock.GetUtcNow(), Mrn = null, EncounterId = null, PatientInitials = null,
        IsolationRequired = false, ReservedUntil = null, ExpectedDischarge = null, Reason = null, News2Score = null, News2RiskBand = null,
    };

    /// <summary>
    /// Commits the bed's next version with its journal line and the message that tells its ward, in one transaction;
    /// the ward has been told when this returns (or the outbox sweeper tells it, if this process dies first).
    /// </summary>
    private async Task<Bed> Change(Bed next, BedEventKind kind, string? patientId = null)
    {
        var before = Current;
        next = next with { Version = before.Version + 1 };
        var dirtySince = state.State.DirtySince;
        if (next.Status == BedStatus.Dirty && before.Status != BedStatus.Dirty)
        {
            dirtySince = next.Since;
        }
        else if (next.Status == BedStatus.Available && dirtySince is { } since)
        {
            HospitalMetrics.BedTurnaround.Record((next.Since - since).TotalMinutes, HospitalMetrics.Ward(next.WardId));
            dirtySince = null;
        }

        var news2Version = next.EncounterId == before.EncounterId ? state.State.News2ChartVersion : 0;
        state.State = state.State with { Bed = next, DirtySince = dirtySince, News2ChartVersion = news2Version };
        var at = next.Since > before.Since ? next.Since : clock.GetUtcNow();
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [Line(kind, next, before, at, patientId)],
            Send = [new BedChangedMessage(next)],
        });
        return next;
    }

    private JournalAppend Line(BedEventKind kind, Bed next, Bed? before, DateTimeOffset at, string? patientId = null) =>
        JournalExtensions.Line(kind.ToString(), BedId, patientId ?? next.Mrn, new BedJournalEvent(
            next.WardId, before?.Status, next.Status, next.Mrn, next.EncounterId, next.Reason, before?.Since, next.Version,
            before is null ? next.Room : null, before is null ? next.IsolationCapable : null, next.ReservedUntil), at);

    private HospitalException Refused(Bed bed, BedStatus wanted, string detail)
    {
        var allowed = BedTransitions.From(bed.Status).Select(s => s.ToString()).ToList();
        return HospitalException.Conflict($"Bed cannot become {wanted}", detail, allowed);
    }

    private async Task LapseReservationIfDue()
    {
        if (state.State.Bed is { Status: BedStatus.Reserved, ReservedUntil: { } until } bed)
        {
            var now = clock.GetUtcNow();
            if (until <= now)
            {
                await Change(Cleared(bed, BedStatus.Available), BedEventKind.BedReservationLapsed);
                _reservationTimer?.Dispose();
                _reservationTimer = null;
            }
            else if (until > now + options.Value.MaxReservation)
            {
                await Change(bed with { ReservedUntil = now + options.Value.MaxReservation }, BedEventKind.BedReservationRepaired);
                ScheduleReservationLapse();
            }
            else if (until - now > TimeSpan.FromSeconds(1))
            {
                // The wait was cut to LongestWait: wait again.
                ScheduleReservationLapse();
            }
        }
        else
        {
            _reservationTimer?.Dispose();
            _reservationTimer = null;
        }
    }

    private void ScheduleReservationLapse()
    {
        _reservationTimer?.Dispose();
        _reservationTimer = null;
        if (state.State.Bed is { Status: BedStatus.Reserved, ReservedUntil: { } until })
        {
            var now = clock.GetUtcNow();
            var due = until > now + options.Value.MaxReservation ? TimeSpan.Zero : until - now;
            due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
            // Idle grains are collected and their timers with them: stay active until the reservation has lapsed.
            DelayDeactivation(due + TimeSpan.FromMinutes(1));
            // Timers may fire a little early: check, and look again a moment later until the reservation is gone.
            _reservationTimer = this.RegisterGrainTimer(_ => LapseReservationIfDue(), new GrainTimerCreationOptions
            {
                DueTime = due < LongestWait ? due : LongestWait,
                Period = TimeSpan.FromMilliseconds(250),
            });
        }
    }
}
