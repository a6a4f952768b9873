using Hl7.Fhir.Model;
using Hospital.Contracts.Patients;
using FhirPatient = Hl7.Fhir.Model.Patient;
using Patient = Hospital.Contracts.Patients.Patient;

namespace Hospital.Api.Fhir;

/// <summary>A patient as FHIR Patient: id and identifier are the MRN.</summary>
public static class PatientResource
{
    public static FhirPatient From(Patient patient)
    {
        var resource = new FhirPatient
        {
            Id = patient.Mrn,
            Meta = new Meta { VersionId = patient.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUpdated = patient.UpdatedAt },
            Identifier = [MrnIdentifier(patient.Mrn)],
            Active = true,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = patient.Name.Family, Given = [patient.Name.Given] }],
            Gender = Gender(patient.Sex),
            BirthDate = patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (patient.Phone is not null)
        {
            resource.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, patient.Phone));
        }

        if (patient.Address is not null)
        {
            resource.Address.Add(new Address { Text = patient.Address });
        }

        return resource;
    }

    public static Identifier MrnIdentifier(string mrn) => new(FhirSystems.Mrn, mrn)
    {
        Use = Identifier.IdentifierUse.Usual,
        Type = new CodeableConcept(FhirSystems.IdentifierType, "MR", "Medical record number"),
    };

    public static ResourceReference Reference(string mrn) => new($"Patient/{mrn}");

    public static AdministrativeGender Gender(Sex sex) => sex switch
    {
        Sex.Female => AdministrativeGender.Female,
        Sex.Male => AdministrativeGender.Male,
        Sex.Other => AdministrativeGender.Other,
        _ => AdministrativeGender.Unknown,
    };
}
