using Hospital.Contracts.Admissions;
using Hospital.Contracts.Alerts;
using Hospital.Contracts.Inventory;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;

namespace Hospital.Api.Problems;

/// <summary>
/// Finds what a request names, or fails with 404. An id that could never have been issued is refused without
/// activating a grain for it.
/// </summary>
public static class Lookup
{
    public const int IdMaxLength = Hospital.Contracts.Common.Ids.MaxLength;

    public static bool IsPlausibleId(string? id) => Hospital.Contracts.Common.Ids.IsPlausible(id);

    public static async Task<Patient> Patient(IGrainFactory grains, string mrn)
    {
        var patient = IsPlausibleId(mrn) ? await grains.GetGrain<IPatientGrain>(mrn).Get() : null;
        Security.PatientAccess.Note(patient?.Mrn ?? mrn);
        return patient ?? throw NotFound("Patient", mrn);
    }

    public static async Task<Bed> Bed(IGrainFactory grains, string bedId) =>
        IsPlausibleId(bedId) && await grains.GetGrain<IBedGrain>(bedId).Get() is { } bed ? bed : throw NotFound("Bed", bedId);

    public static async Task<WardProfile> Ward(IGrainFactory grains, string wardId) =>
        IsPlausibleId(wardId) && await grains.GetGrain<IWardGrain>(wardId).GetProfile() is { } ward ? ward : throw NotFound("Ward", wardId);

    public static async Task<Encounter> Encounter(IGrainFactory grains, string encounterId)
    {
        var encounter = IsPlausibleId(encounterId) ? await grains.GetGrain<IEncounterGrain>(encounterId).Get() : null;
        if (encounter is not null)
        {
            Security.PatientAccess.Note(encounter.Mrn);
        }

        return encounter ?? throw NotFound("Encounter", encounterId);
    }

    public static async Task<SupplyBin> SupplyBin(IGrainFactory grains, string binId) =>
        IsPlausibleId(binId) && await grains.GetGrain<ISupplyBinGrain>(binId).Get() is { } bin ? bin : throw NotFound("Supply bin", binId);

    public static async Task<Equipment> Equipment(IGrainFactory grains, string equipmentId) =>
        IsPlausibleId(equipmentId) && await grains.GetGrain<IEquipmentGrain>(equipmentId).Get() is { } asset ? asset : throw NotFound("Equipment", equipmentId);

    public static async Task<Alert> Alert(IGrainFactory grains, string alertId) =>
        IsPlausibleId(alertId) && await grains.GetGrain<IAlertsGrain>(0).Get(alertId) is { } alert ? alert : throw NotFound("Alert", alertId);

    /// <summary>A location has no record of its own: any plausible id names one (empty until bins or equipment arrive).</summary>
    public static ISupplyLocationGrain Location(IGrainFactory grains, string locationId) =>
        IsPlausibleId(locationId) ? grains.GetGrain<ISupplyLocationGrain>(locationId) : throw NotFound("Location", locationId);

    /// <summary>404 for <paramref name="what"/>, the id clipped to what an id may be.</summary>
    public static HospitalException NotFound(string what, string id) =>
        HospitalException.NotFound(what, id.Length <= IdMaxLength ? id : id[..IdMaxLength] + "...");
}
