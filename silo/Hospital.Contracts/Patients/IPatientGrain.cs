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

    /// <summary>Admits the patient: one encounter at a time, so a patient never holds two beds.</summary>
    [Alias("Admit")] Task<Admissions.Encounter> Admit(Admissions.AdmitCommand command);

    /// <summary>The encounter was discharged or cancelled; the patient may be admitted again.</summary>
    [Alias("EncounterEnded")] Task EncounterEnded(string encounterId);

    /// <summary>An undone discharge makes the encounter current again, unless another has begun since.</summary>
    [Alias("EncounterResumed")] Task EncounterResumed(string encounterId);

    /// <summary>
    /// Demographics from an HL7 feed, last writer wins on the event time: registers the patient when new, updates them
    /// when <paramref name="asOf"/> is not older than the demographics the feed applied last, else changes nothing.
    /// </summary>
    [Alias("ApplyFeedDemographics")] Task<Patient> ApplyFeedDemographics(Demographics demographics, DateTimeOffset asOf);

    /// <summary>The encounter that ended last (for a cancelled discharge), or null.</summary>
    [Alias("LastEncounterId")] Task<string?> LastEncounterId();

    /// <summary>This record was merged into <paramref name="survivorMrn"/> (HL7 A40); its admission, if any, has moved there.</summary>
    [Alias("MarkMerged")] Task<Patient> MarkMerged(string survivorMrn);
}

/// <summary>Hands out MRNs. One activation for the hospital (key 0); numbers are never handed out twice.</summary>
[Alias("hospital.IMrnAllocatorGrain")]
public interface IMrnAllocatorGrain : IGrainWithIntegerKey
{
    [Alias("Next")] Task<string> Next();
}

/// <summary>
/// One registration request, keyed by its client operation (the Idempotency-Key): the MRN it allocates is kept, so a
/// retry after a crash or a lost answer registers nobody new and answers with the same patient.
/// </summary>
[Alias("hospital.IRegistrationGrain")]
public interface IRegistrationGrain : IGrainWithStringKey
{
    [Alias("Register")] Task<Patient> Register(Demographics demographics);
}

[GenerateSerializer, Alias("hospital.registration-state")]
public sealed record RegistrationState
{
    [Id(0)] public string? Mrn { get; init; }
}
