using Hl7.Fhir.Model;
using Hospital.Contracts.Admissions;
using Encounter = Hospital.Contracts.Admissions.Encounter;
using FhirEncounter = Hl7.Fhir.Model.Encounter;

namespace Hospital.Api.Fhir;

/// <summary>An admission as FHIR Encounter (class IMP): the patient, the stay's period and every bed with its period.</summary>
public static class EncounterResource
{
    public static FhirEncounter From(Encounter encounter) => new()
    {
        Id = encounter.EncounterId,
        Meta = new Meta { VersionId = encounter.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        Identifier = [new Identifier(FhirSystems.Base + "/sid/encounter", encounter.EncounterId)],
        Status = Status(encounter.Status),
        Class = new Coding(FhirSystems.ActCode, "IMP", "inpatient encounter"),
        Subject = PatientResource.Reference(encounter.Mrn),
        Period = Period(encounter.AdmittedAt, encounter.DischargedAt),
        Location = encounter.Locations.Select(stay => new FhirEncounter.LocationComponent
        {
            Location = new ResourceReference($"Location/{stay.BedId}"),
            Status = stay.To is null && encounter.Status == EncounterStatus.InProgress
                ? FhirEncounter.EncounterLocationStatus.Active
                : FhirEncounter.EncounterLocationStatus.Completed,
            PhysicalType = FhirSystems.Concept(FhirSystems.LocationPhysicalType, "bd", "Bed"),
            Period = Period(stay.From, stay.To),
        }).ToList(),
    };

    /// <summary>A cancelled admission was entered in error and undone, which is FHIR's entered-in-error, not cancelled (never started).</summary>
    public static FhirEncounter.EncounterStatus Status(EncounterStatus status) => status switch
    {
        EncounterStatus.InProgress => FhirEncounter.EncounterStatus.InProgress,
        EncounterStatus.Finished => FhirEncounter.EncounterStatus.Finished,
        _ => FhirEncounter.EncounterStatus.EnteredInError,
    };

    private static Period Period(DateTimeOffset from, DateTimeOffset? to) =>
        new(new FhirDateTime(from), to is { } end ? new FhirDateTime(end) : null);
}
