using Hospital.Contracts.Admissions;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;

namespace Hospital.Grains.Admissions;

/// <summary>Where a patient is now, for the grains whose alerts name the ward and bed.</summary>
internal static class Stays
{
    public static async Task<Patient> PatientAsync(this IGrainFactory grains, string mrn) =>
        await grains.GetGrain<IPatientGrain>(mrn).Get() ?? throw HospitalException.NotFound("Patient", mrn);

    /// <summary>The patient's encounter in progress, or null when not admitted.</summary>
    public static async Task<Encounter?> CurrentStayAsync(this IGrainFactory grains, Patient patient) =>
        patient.CurrentEncounterId is { } id && await grains.GetGrain<IEncounterGrain>(id).Get() is { Status: EncounterStatus.InProgress } stay
            ? stay
            : null;

    /// <summary>" in bed X (ward)" for an alert's text, or nothing.</summary>
    public static string Where(Encounter? stay) => stay is null ? "" : $" in bed {stay.BedId} ({stay.WardId})";
}
