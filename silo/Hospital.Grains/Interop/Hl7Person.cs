using System.Text.RegularExpressions;
using Hospital.Contracts.Common;
using Hospital.Contracts.Patients;
using Hospital.Interop.Hl7;

namespace Hospital.Grains.Interop;

/// <summary>
/// What the feed reads from a message's PID, PV1 and NPU segments, checked before anything changes: the patient (the
/// PID-3 repetition of type MR), their demographics, and beds named by a location (<c>ward^room^bed</c> is bed
/// <c>ward-bed</c> on ward <c>ward</c>).
/// </summary>
internal static partial class Hl7Person
{
    private static readonly DateOnly EarliestBirth = new(1880, 1, 1);

    /// <summary>The MRN of the patient the PID names.</summary>
    public static string Mrn(Hl7Segment pid, TimeSpan offset)
    {
        var identification = Hl7PatientIdentification.Read(pid, offset);
        var mrn = identification.MedicalRecordNumber?.Id
            ?? throw new Hl7Refusal(Hl7ErrorCode.RequiredFieldMissing, $"{pid.Location(3)} has no identifier with type code MR.", pid.Location(3));
        // The MRN is also the patient's FHIR id, so it keeps to what a FHIR id may hold.
        return mrn.Length <= Ids.MaxLength && MrnPattern().IsMatch(mrn)
            ? mrn
            : throw new Hl7Refusal(Hl7ErrorCode.DataTypeError,
                $"{pid.Location(3)} MR '{Cut(mrn)}' is not an MRN (1 to 64 letters, digits, '-' or '.').", pid.Location(3));
    }

    /// <summary>The demographics the PID gives; a birth date may be left out only for a patient already registered.</summary>
    public static Demographics Demographics(Hl7Segment pid, TimeSpan offset, Patient? existing, DateOnly today)
    {
        var identification = Hl7PatientIdentification.Read(pid, offset);
        var name = identification.Name;
        if (name is null || name.Family.Trim().Length == 0 || name.Given.Trim().Length == 0)
        {
            throw new Hl7Refusal(Hl7ErrorCode.RequiredFieldMissing, $"{pid.Location(5)} must give a family and a given name.", pid.Location(5));
        }

        var personName = new PersonName(name.Given.Trim(), name.Family.Trim());
        if (!PatientNames.Fits(personName.Given) || !PatientNames.Fits(personName.Family))
        {
            throw new Hl7Refusal(Hl7ErrorCode.DataTypeError, $"{pid.Location(5)} names are at most {PatientNames.MaxLength} characters each.", pid.Location(5));
        }

        var born = identification.BirthDate ?? existing?.BirthDate
            ?? throw new Hl7Refusal(Hl7ErrorCode.RequiredFieldMissing, $"{pid.Location(7)} (birth date) is required to register a patient.", pid.Location(7));
        if (born > today || born < EarliestBirth)
        {
            throw new Hl7Refusal(Hl7ErrorCode.DataTypeError, $"{pid.Location(7)} '{born:yyyy-MM-dd}' must be between 1880-01-01 and today.", pid.Location(7));
        }

        var sex = identification.Sex switch
        {
            AdministrativeSex.Female => Sex.Female,
            AdministrativeSex.Male => Sex.Male,
            AdministrativeSex.Other => Sex.Other,
            _ => pid.Value(8).Length == 0 && existing is not null ? existing.Sex : Sex.Unknown,
        };
        return new Demographics(personName, born, sex);
    }

    /// <summary>The bed a location names, as <c>ward-bed</c>; <paramref name="required"/> refuses an empty one.</summary>
    public static string? BedId(Hl7PersonLocation? location, Hl7ErrorLocation where, bool required)
    {
        if (location is null || (location.PointOfCare.Length == 0 && location.Bed.Length == 0))
        {
            return required ? throw new Hl7Refusal(Hl7ErrorCode.RequiredFieldMissing, $"{where} must name a bed (ward^room^bed).", where) : null;
        }

        var id = $"{location.PointOfCare}-{location.Bed}";
        return location.PointOfCare.Length > 0 && location.Bed.Length > 0 && Ids.IsPlausible(id)
            ? id
            : throw new Hl7Refusal(Hl7ErrorCode.DataTypeError, $"{where} '{Cut(id)}' does not name a bed as ward^room^bed.", where);
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "...";

    [GeneratedRegex("^[A-Za-z0-9.-]+$")]
    private static partial Regex MrnPattern();
}
