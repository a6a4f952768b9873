using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Patients;

public sealed class PatientGrain(
    [PersistentState("patient", HospitalStorage.Name)] IPersistentState<PatientState> state,
    IJournal journal,
    TimeProvider clock) : Grain, IPatientGrain
{
    private string Mrn => this.GetPrimaryKeyString();

    public async Task<Patient> Register(Demographics demographics)
    {
        if (state.State.Patient is not null)
        {
            throw HospitalException.Conflict("Patient already registered", $"MRN '{Mrn}' is already in use.");
        }

        var now = clock.GetUtcNow();
        var patient = new Patient(Mrn, demographics.Name, demographics.BirthDate, demographics.Sex,
            demographics.Phone, demographics.Address, now, now, 1);
        state.State = state.State with { Patient = patient };
        await state.WriteStateAsync();
        await journal.RecordAsync("PatientRegistered", Mrn, Mrn, demographics, now);
        return patient;
    }

    public Task<Patient?> Get() => Task.FromResult(state.State.Patient);

    public async Task<Patient> UpdateDemographics(Demographics demographics)
    {
        var current = state.State.Patient ?? throw HospitalException.NotFound("Patient", Mrn);
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
        await state.WriteStateAsync();
        await journal.RecordAsync("PatientDemographicsUpdated", Mrn, Mrn, new { before = current, after = updated }, now);
        return updated;
    }
}
