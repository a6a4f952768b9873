using Hospital.Contracts.Common;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Patients;

public sealed class PatientGrain(
    [PersistentState("patient", HospitalStorage.Name)] IPersistentState<PatientState> state,
    IJournal journal,
    IPatientIndex index,
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
        // Three independent durable writes; the registration is acknowledged once all three are done.
        await Task.WhenAll(state.WriteStateAsync(), index.UpsertAsync(patient), journal.RecordAsync("PatientRegistered", Mrn, Mrn, demographics, now));
        return patient;
    }

    public Task<Patient?> Get() => Task.FromResult(state.State.Patient);

    public async Task<Patient> UpdateDemographics(Demographics demographics)
    {
        var current = state.State.Patient ?? throw HospitalException.NotFound("Patient", Mrn);
        CheckNames(demographics.Name);
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
        await Task.WhenAll(state.WriteStateAsync(), index.UpsertAsync(updated),
            journal.RecordAsync("PatientDemographicsUpdated", Mrn, Mrn, new { before = current, after = updated }, now));
        return updated;
    }

    public async Task<Encounter> Admit(AdmitCommand command)
    {
        var patient = state.State.Patient ?? throw HospitalException.NotFound("Patient", Mrn);
        if (patient.CurrentEncounterId is { } currentId)
        {
            var current = await GrainFactory.GetGrain<IEncounterGrain>(currentId).Get();
            if (current is { Status: EncounterStatus.InProgress })
            {
                throw HospitalException.Conflict("Patient already admitted",
                    $"Patient '{Mrn}' is already admitted (encounter '{currentId}', bed '{current.BedId}').");
            }
        }

        // The encounter id is recorded (here) and the encounter's intent (there) before any bed is touched: whatever
        // happens next, this patient can only ever be in the encounter named here, and that encounter knows what it
        // was doing. The two writes are independent, so they go together.
        var encounterId = EncounterIds.New();
        var encounter = GrainFactory.GetGrain<IEncounterGrain>(encounterId);
        var recording = Save(patient with { CurrentEncounterId = encounterId });
        var preparing = encounter.Prepare(command, patient);
        try
        {
            await Task.WhenAll(recording, preparing);
            return await encounter.Start();
        }
        catch (HospitalException) when (recording.IsCompletedSuccessfully)
        {
            await Save(state.State.Patient! with { CurrentEncounterId = null });
            throw;
        }
    }

    public async Task EncounterEnded(string encounterId)
    {
        if (state.State.Patient is { } patient && patient.CurrentEncounterId == encounterId)
        {
            await Save(patient with { CurrentEncounterId = null });
        }
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
        await state.WriteStateAsync();
    }
}
