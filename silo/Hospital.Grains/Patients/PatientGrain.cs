using Hospital.Contracts.Common;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Patients;

public sealed class PatientGrain(
    [PersistentState("patient", HospitalStorage.Name)] IPersistentState<PatientState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IPatientGrain
{
    private string Mrn => this.GetPrimaryKeyString();

    public async Task<Patient> Register(Demographics demographics)
    {
        CheckNames(demographics.Name);
        if (state.State.Patient is not null)
        {
            throw HospitalException.Conflict("Patient already registered", $"MRN '{Mrn}' is already in use.");
        }

        var now = clock.GetUtcNow();
        var patient = new Patient(Mrn, demographics.Name, demographics.BirthDate, demographics.Sex,
            demographics.Phone, demographics.Address, now, now, 1);
        state.State = state.State with { Patient = patient };
        // The patient, their search-index row and the journal line commit together: found as soon as they exist.
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line("PatientRegistered", Mrn, Mrn, demographics, now)],
            Index = patient,
        });
        return patient;
    }

    public Task<Patient?> Get() => Task.FromResult(state.State.Patient);

    public async Task<Patient> UpdateDemographics(Demographics demographics)
    {
        var current = state.State.Patient ?? throw HospitalException.NotFound("Patient", Mrn);
        CheckNames(demographics.Name);
        return await Update(current, demographics);
    }

    public async Task<Patient> ApplyFeedDemographics(Demographics demographics, DateTimeOffset asOf)
    {
        CheckNames(demographics.Name);
        if (state.State.DemographicsAsOf is { } applied && asOf < applied)
        {
            return state.State.Patient!;
        }

        state.State = state.State with { DemographicsAsOf = asOf };
        if (state.State.Patient is not { } current)
        {
            return await Register(demographics);
        }

        if (current.Name == demographics.Name && current.BirthDate == demographics.BirthDate && current.Sex == demographics.Sex
            && (demographics.Phone is null || current.Phone == demographics.Phone) && (demographics.Address is null || current.Address == demographics.Address))
        {
            await Save(current);
            return current;
        }

        // A feed that leaves out phone or address keeps what the patient has.
        return await Update(current, demographics with { Phone = demographics.Phone ?? current.Phone, Address = demographics.Address ?? current.Address });
    }

    public Task<string?> LastEncounterId() => Task.FromResult(state.State.LastEncounterId);

    public async Task<Patient> MarkMerged(string survivorMrn)
    {
        var current = state.State.Patient ?? throw HospitalException.NotFound("Patient", Mrn);
        if (current.MergedInto == survivorMrn)
        {
            return current;
        }

        var now = clock.GetUtcNow();
        var merged = current with { MergedInto = survivorMrn, CurrentEncounterId = null, UpdatedAt = now, Version = current.Version + 1 };
        state.State = state.State with { Patient = merged };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line("PatientMerged", Mrn, Mrn, new { survivor = survivorMrn }, now)],
        });
        return merged;
    }

    private async Task<Patient> Update(Patient current, Demographics demographics)
    {
        var now = clock.GetUtcNow();
        var updated = current with
        {
            Name = demographics.Name,
            BirthDate = demographics.BirthDate,
            Sex = demographics.Sex,
            Phone = demographics.Phone,
            Address = demographics.Address,
            UpdatedAt = now,
            Version = current.Version + 1,
        };
        state.State = state.State with { Patient = updated };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line("PatientDemographicsUpdated", Mrn, Mrn, new { before = current, after = updated }, now)],
            Index = updated,
        });
        return updated;
    }

    public async Task<Encounter> Admit(AdmitCommand command)
    {
        var patient = state.State.Patient ?? throw HospitalException.NotFound("Patient", Mrn);
        // A retried request (same operation) names the same encounter, which answers with the admission it made.
        var encounterId = Operation.NewId("E", $"admit:{Mrn}");
        if (patient.CurrentEncounterId is { } currentId && currentId != encounterId)
        {
            var grain = GrainFactory.GetGrain<IEncounterGrain>(currentId);
            // An admission a crash interrupted is settled first: it may still take its bed.
            var current = await grain.Get();
            if (current is null)
            {
                await grain.Resume();
                current = await grain.Get();
            }

            if (current is { Status: EncounterStatus.InProgress })
            {
                throw HospitalException.Conflict("Patient already admitted",
                    $"Patient '{Mrn}' is already admitted (encounter '{currentId}', bed '{current.BedId}').");
            }

            if (current is not null)
            {
                // Still named here though it ended: its end has not reached this record yet (a crash delayed the
                // message), or a cancelled discharge is resuming it. Either settles within seconds; admitting now
                // could leave the patient in two beds.
                throw HospitalException.Conflict("Previous admission settling",
                    $"Patient '{Mrn}''s encounter '{currentId}' is {current.Status} and still settling; try again in a few seconds.");
            }
        }

        // The encounter id is recorded here before the encounter starts its workflow: whatever happens next, this patient
        // can only ever be in the encounter named here.
        if (patient.CurrentEncounterId != encounterId)
        {
            await Save(patient with { CurrentEncounterId = encounterId });
        }

        try
        {
            return await GrainFactory.GetGrain<IEncounterGrain>(encounterId).Admit(command, patient);
        }
        catch (HospitalException)
        {
            await EncounterEnded(encounterId);
            throw;
        }
    }

    public async Task EncounterEnded(string encounterId)
    {
        if (state.State.Patient is not { } patient || patient.CurrentEncounterId != encounterId)
        {
            return;
        }

        // The message may be a late repeat (redelivered by the sweeper after a crash) of an end the encounter has since
        // undone, a cancelled discharge: an encounter in progress for this patient keeps them. Get interleaves, so the
        // encounter may be the caller.
        var encounter = await GrainFactory.GetGrain<IEncounterGrain>(encounterId).Get();
        if (encounter is { Status: EncounterStatus.InProgress } && encounter.Mrn == Mrn)
        {
            return;
        }

        // Only an encounter that happened is remembered for a cancelled discharge (a refused admission leaves none).
        if (encounter is not null)
        {
            state.State = state.State with { LastEncounterId = encounterId };
        }

        await Save(patient with { CurrentEncounterId = null });
    }

    public async Task EncounterResumed(string encounterId)
    {
        var patient = state.State.Patient ?? throw HospitalException.NotFound("Patient", Mrn);
        if (patient.CurrentEncounterId == encounterId)
        {
            return;
        }

        if (patient.CurrentEncounterId is { } other
            && await GrainFactory.GetGrain<IEncounterGrain>(other).Get() is { Status: EncounterStatus.InProgress })
        {
            throw HospitalException.Conflict("Patient admitted again", $"Patient '{Mrn}' has been admitted since (encounter '{other}').");
        }

        await Save(patient with { CurrentEncounterId = encounterId });
    }

    /// <summary>Both parts must fit the search index as folded, else nothing is written anywhere.</summary>
    private static void CheckNames(PersonName name)
    {
        foreach (var (field, part) in new[] { ("name.given", name.Given), ("name.family", name.Family) })
        {
            if (!PatientNames.Fits(part))
            {
                throw HospitalException.Invalid(field, $"The {field} field must be at most {PatientNames.MaxLength} characters, also once folded for search.");
            }
        }
    }

    private async Task Save(Patient patient)
    {
        state.State = state.State with { Patient = patient };
        await changes.CommitAsync(this, state, Change.None);
    }
}
