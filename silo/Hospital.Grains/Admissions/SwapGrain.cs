using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.Grains.Changes;

namespace Hospital.Grains.Admissions;

/// <summary>
/// Swaps the beds of two admissions. Keyed by the pair, so opposite swaps of one pair queue here instead of waiting on
/// each other. The workflow: commit the intent (with a resume job); hold both encounters in key order (a held encounter
/// refuses discharge, transfer and other swaps); check each patient suits the other's bed; replace each bed's occupant;
/// complete both encounters; commit the end. A crash part-way resumes: if the beds were swapped, it completes them,
/// otherwise it releases the holds. Nothing here is called back by the grains it calls, so no call cycle can form.
/// </summary>
public sealed class SwapGrain(
    [PersistentState("swap", HospitalStorage.Name)] IPersistentState<SwapState> state,
    GrainChanges changes) : Grain, ISwapGrain
{
    private const int RememberedSwaps = 16;

    private string Key => this.GetPrimaryKeyString();

    private IEncounterGrain Encounter(string id) => GrainFactory.GetGrain<IEncounterGrain>(id);

    private IBedGrain Bed(string id) => GrainFactory.GetGrain<IBedGrain>(id);

    public async Task<Encounter> Swap(string initiatorEncounterId, string otherEncounterId)
    {
        var swapId = Operation.NewId("W", $"swap:{initiatorEncounterId}:{otherEncounterId}");
        if (state.State.CompletedSwaps.Contains(swapId))
        {
            return (await Encounter(initiatorEncounterId).Get())!;
        }

        if (state.State.Pending is not null)
        {
            await ResumeQuietly();
        }

        var pending = new PendingSwap(swapId, initiatorEncounterId, otherEncounterId);
        state.State = state.State with { Pending = pending };
        await changes.CommitAsync(this, state, new Change
        {
            Schedule = [new ScheduledMessage(new ResumeSwap(Key) { MessageId = JobId(pending) }, GrainChanges.ResumeAfter)],
        });

        try
        {
            return await Run(pending);
        }
        catch (HospitalException)
        {
            await Undo(pending);
            throw;
        }
    }

    public async Task Resume()
    {
        if (state.State.Pending is not null)
        {
            await ResumeQuietly();
        }
    }

    private async Task ResumeQuietly()
    {
        var pending = state.State.Pending!;
        try
        {
            await Run(pending);
        }
        catch (HospitalException)
        {
            await Undo(pending);
        }
    }

    /// <summary>Runs the swap from the start; every call repeats harmlessly what an earlier attempt did.</summary>
    private async Task<Encounter> Run(PendingSwap pending)
    {
        // Hold in key order: two swaps sharing one encounter never hold each other's first.
        var ids = new[] { pending.InitiatorId, pending.OtherId }.Order(StringComparer.Ordinal).ToArray();
        var held = new Dictionary<string, Encounter>();
        foreach (var id in ids)
        {
            held[id] = await Encounter(id).HoldForSwap(pending.SwapId);
        }

        var mine = held[pending.InitiatorId];
        var other = held[pending.OtherId];
        if (pending.InitiatorBedId is null)
        {
            // The beds each encounter was in when held: the swap moves these two, whatever a resumed run finds.
            pending = pending with { InitiatorBedId = mine.BedId, OtherBedId = other.BedId };
            state.State = state.State with { Pending = pending };
            await changes.CommitAsync(this, state, Change.None);
        }

        var myBed = Bed(pending.InitiatorBedId!);
        var otherBed = Bed(pending.OtherBedId!);
        var myOccupancy = await Occupancy(mine, myBed);
        var otherOccupancy = await Occupancy(other, otherBed);
        // A resumed run may find a bed already changed; from then on the swap can only go forward.
        var started = (await otherBed.Get())?.EncounterId == mine.EncounterId || (await myBed.Get())?.EncounterId == other.EncounterId;
        if (!started)
        {
            // Check both ways before changing either bed.
            await myBed.CheckSuits(otherOccupancy);
            await otherBed.CheckSuits(myOccupancy);
        }

        var myNewBed = await otherBed.ReplaceOccupant(other.EncounterId, myOccupancy);
        Bed otherNewBed;
        try
        {
            otherNewBed = await myBed.ReplaceOccupant(mine.EncounterId, otherOccupancy);
        }
        catch (HospitalException)
        {
            // A swap is both beds or neither: the first bed gets its patient back before the swap is given up, so the
            // holds are never released with one bed changed.
            await otherBed.ReplaceOccupant(mine.EncounterId, otherOccupancy);
            throw;
        }

        var result = await Encounter(mine.EncounterId).CompleteSwap(pending.SwapId, myNewBed);
        await Encounter(other.EncounterId).CompleteSwap(pending.SwapId, otherNewBed);
        state.State = state.State with
        {
            Pending = null,
            CompletedSwaps = [.. state.State.CompletedSwaps.TakeLast(RememberedSwaps - 1), pending.SwapId],
        };
        await changes.CommitAsync(this, state, new Change { Done = [JobId(pending)] });
        return result;
    }

    /// <summary>The swap was refused before any bed changed: release both holds and forget it.</summary>
    private async Task Undo(PendingSwap pending)
    {
        await Encounter(pending.InitiatorId).AbandonSwap(pending.SwapId);
        await Encounter(pending.OtherId).AbandonSwap(pending.SwapId);
        state.State = state.State with { Pending = null };
        await changes.CommitAsync(this, state, new Change { Done = [JobId(pending)] });
    }

    /// <summary>Who lies in the bed now, as the other bed must see them.</summary>
    private async Task<Occupancy> Occupancy(Encounter encounter, IBedGrain bed)
    {
        var current = await bed.Get();
        var initials = current?.EncounterId == encounter.EncounterId ? current.PatientInitials : null;
        var patient = await GrainFactory.GetGrain<IPatientGrain>(encounter.Mrn).Get();
        return new Occupancy(encounter.Mrn, encounter.EncounterId, initials ?? patient?.Initials ?? "", patient?.Sex ?? Sex.Unknown,
            encounter.IsolationRequired, encounter.ExpectedDischarge);
    }

    private string JobId(PendingSwap pending) => $"resume-swap:{Key}:{pending.SwapId}";
}
