namespace Hospital.Contracts.Patients;

/// <summary>One patient, keyed by MRN.</summary>
[Alias("hospital.IPatientGrain")]
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>Registers the patient; a second registration under the same MRN is a conflict.</summary>
    [Alias("Register")] Task<Patient> Register(Demographics demographics);

    /// <summary>The patient, or null when no one is registered under this MRN.</summary>
    [Alias("Get")] Task<Patient?> Get();

    [Alias("UpdateDemographics")] Task<Patient> UpdateDemographics(Demographics demographics);
}

/// <summary>Hands out MRNs. One activation for the hospital (key 0); numbers are never handed out twice.</summary>
[Alias("hospital.IMrnAllocatorGrain")]
public interface IMrnAllocatorGrain : IGrainWithIntegerKey
{
    [Alias("Next")] Task<string> Next();
}
