namespace Hospital.Api.Fhir;

/// <summary>The code systems, identifier systems and extensions the FHIR resources use (documented in the README).</summary>
public static class FhirSystems
{
    /// <summary>Our own definitions (identifier systems, extensions, local codes) live under this base.</summary>
    public const string Base = "https://orleans-hospital.example/fhir";

    /// <summary>The hospital's MRN: Patient.identifier system; its value is the Patient id.</summary>
    public const string Mrn = Base + "/sid/mrn";

    /// <summary>Location extension (valueCode) carrying our own bed status: Available, Reserved, Occupied, Dirty, Cleaning, Blocked.</summary>
    public const string BedStatusExtension = Base + "/StructureDefinition/bed-status";

    /// <summary>ACVPU level of consciousness codes (A, C, V, P, U) as recorded for NEWS2.</summary>
    public const string Acvpu = Base + "/CodeSystem/acvpu";

    /// <summary>Local codes for what NEWS2 needs beside the vital signs themselves (on-oxygen, SpO2 scale).</summary>
    public const string News2 = Base + "/CodeSystem/news2";

    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public const string BedOccupancy = "http://terminology.hl7.org/CodeSystem/v2-0116";
    public const string LocationPhysicalType = "http://terminology.hl7.org/CodeSystem/location-physical-type";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string DataAbsentReason = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    public const string Interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    /// <summary>A concept of one coding with its display (the SDK's three-argument constructor takes text instead).</summary>
    public static Hl7.Fhir.Model.CodeableConcept Concept(string system, string code, string display) =>
        new() { Coding = [new Hl7.Fhir.Model.Coding(system, code, display)] };
}
