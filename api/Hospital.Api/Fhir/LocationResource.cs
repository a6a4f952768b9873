using Hl7.Fhir.Model;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Wards;

namespace Hospital.Api.Fhir;

/// <summary>
/// Wards and beds as FHIR Location (physicalType wa / bd). A bed is <c>partOf</c> its ward; its
/// <c>operationalStatus</c> is the v2-0116 bed status nearest ours, and our own status rides along in an extension
/// because v2-0116 has no Reserved and no Blocked, and folds Dirty and Cleaning together.
/// </summary>
public static class LocationResource
{
    public static Location FromWard(WardProfile ward) => new()
    {
        Id = ward.Id,
        Identifier = [new Identifier(FhirSystems.Base + "/sid/location", ward.Id)],
        Status = Location.LocationStatus.Active,
        Name = ward.Name,
        Mode = Location.LocationMode.Instance,
        PhysicalType = FhirSystems.Concept(FhirSystems.LocationPhysicalType, "wa", "Ward"),
    };

    public static Location FromBed(Bed bed)
    {
        var (code, display) = OperationalStatus(bed.Status, bed.Reason);
        var location = new Location
        {
            Id = bed.Id,
            Meta = new Meta { VersionId = bed.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Identifier = [new Identifier(FhirSystems.Base + "/sid/location", bed.Id)],
            Status = Location.LocationStatus.Active,
            OperationalStatus = new Coding(FhirSystems.BedOccupancy, code, display),
            Name = bed.Id,
            Description = $"Room {bed.Room}" + (bed.IsolationCapable ? ", isolation capable" : ""),
            Mode = Location.LocationMode.Instance,
            PhysicalType = FhirSystems.Concept(FhirSystems.LocationPhysicalType, "bd", "Bed"),
            PartOf = new ResourceReference($"Location/{bed.WardId}"),
        };
        location.Extension.Add(new Extension(FhirSystems.BedStatusExtension, new Code(bed.Status.ToString())));
        return location;
    }

    /// <summary>
    /// The v2-0116 code for a bed status (the README table), the reverse of what an HL7 A20 sets: H (housekeeping) is a
    /// bed to clean or being cleaned, and a Blocked bed is C, I or K as its reason says (closed, isolated, contaminated).
    /// </summary>
    public static (string Code, string Display) OperationalStatus(BedStatus status, string? reason = null) => status switch
    {
        BedStatus.Occupied => ("O", "Occupied"),
        BedStatus.Dirty or BedStatus.Cleaning => ("H", "Housekeeping"),
        BedStatus.Blocked when string.Equals(reason, "isolated", StringComparison.OrdinalIgnoreCase) => ("I", "Isolated"),
        BedStatus.Blocked when string.Equals(reason, "contaminated", StringComparison.OrdinalIgnoreCase) => ("K", "Contaminated"),
        BedStatus.Blocked => ("C", "Closed"),
        _ => ("U", "Unoccupied"),
    };
}
