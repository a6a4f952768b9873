using Hl7.Fhir.Model;
using Hospital.Api.Patients;
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

    /// <summary>
    /// The demographics a FHIR Patient gives, as the REST registration takes them (validated there): the official
    /// name (else the first), given names joined, the first phone and the first address.
    /// </summary>
    public static DemographicsRequest ToRequest(FhirPatient patient)
    {
        var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
        var address = patient.Address.FirstOrDefault();
        return new DemographicsRequest(
            name is null ? null : new PersonNameRequest(name.Given.Any() ? string.Join(' ', name.Given) : null, name.Family),
            DateOnly.TryParseExact(patient.BirthDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var born)
                ? born : null,
            patient.Gender switch
            {
                AdministrativeGender.Female => Sex.Female,
                AdministrativeGender.Male => Sex.Male,
                AdministrativeGender.Other => Sex.Other,
                AdministrativeGender.Unknown => Sex.Unknown,
                _ => null,
            },
            patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
            address is null ? null : address.Text ?? string.Join(", ", address.Line.Append(address.City).Append(address.PostalCode).Where(p => !string.IsNullOrWhiteSpace(p))));
    }

    public static Identifier MrnIdentifier(string mrn) => new(FhirSystems.Mrn, mrn)
    {
        Use = Identifier.IdentifierUse.Usual,
        Type = FhirSystems.Concept(FhirSystems.IdentifierType, "MR", "Medical record number"),
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
