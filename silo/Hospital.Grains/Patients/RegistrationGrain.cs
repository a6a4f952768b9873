using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.Grains.Changes;

namespace Hospital.Grains.Patients;

/// <summary>A registration that can be retried: the MRN is committed before the patient, and reused by every retry.</summary>
public sealed class RegistrationGrain(
    [PersistentState("registration", HospitalStorage.Name)] IPersistentState<RegistrationState> state,
    GrainChanges changes) : Grain, IRegistrationGrain
{
    public async Task<Patient> Register(Demographics demographics)
    {
        if (state.State.Mrn is null)
        {
            state.State = new RegistrationState { Mrn = await GrainFactory.GetGrain<IMrnAllocatorGrain>(0).Next() };
            await changes.CommitAsync(this, state, Change.None);
        }

        var patient = GrainFactory.GetGrain<IPatientGrain>(state.State.Mrn);
        try
        {
            return await patient.Register(demographics);
        }
        catch (HospitalException e) when (e.Kind == HospitalErrorKind.Conflict)
        {
            // Registered by an earlier attempt of this request.
            return (await patient.Get())!;
        }
    }
}
