using Hospital.Api.Problems;
using Hospital.Contracts.Patients;

namespace Hospital.Api.Patients;

/// <summary>A person's name.</summary>
/// <param name="Given">Given name(s), at most 200 characters, also once folded for search (ß becomes ss).</param>
/// <param name="Family">Family name, at most 200 characters, also once folded for search.</param>
public sealed record PersonNameRequest(string? Given, string? Family);

/// <summary>Demographics to register a patient with, or to replace a patient's demographics with.</summary>
/// <param name="BirthDate">ISO date, not in the future.</param>
/// <param name="Sex">female, male, other or unknown.</param>
/// <param name="Phone">Optional contact number.</param>
/// <param name="Address">Optional postal address.</param>
public sealed record DemographicsRequest(PersonNameRequest? Name, DateOnly? BirthDate, Sex? Sex, string? Phone, string? Address)
{
    private static readonly DateOnly Earliest = new(1880, 1, 1);

    public Demographics? Validate(FieldErrors errors, DateOnly today)
    {
        if (errors.Required("name", Name))
        {
            errors.RequiredText("name.given", Name!.Given).RequiredText("name.family", Name.Family);
            foreach (var (field, part) in new[] { ("name.given", Name.Given), ("name.family", Name.Family) })
            {
                errors.Check(part is null || part.Length > PatientNames.MaxLength || PatientNames.Fits(part), field,
                    $"The {field} field must be at most {PatientNames.MaxLength} characters once folded for search (ß, æ, œ and þ count as two).");
            }
        }

        if (errors.Required("birthDate", BirthDate))
        {
            errors.Check(BirthDate <= today, "birthDate", "The birthDate field must not be in the future.")
                .Check(BirthDate >= Earliest, "birthDate", "The birthDate field must not be before 1880-01-01.");
        }

        if (errors.Required("sex", Sex))
        {
            errors.Check(Enum.IsDefined(Sex!.Value), "sex", "The sex field must be female, male, other or unknown.");
        }

        errors.MaxLength("phone", Phone, 50).MaxLength("address", Address, 500);
        return errors.Any
            ? null
            : new Demographics(new PersonName(Name!.Given!.Trim(), Name.Family!.Trim()), BirthDate!.Value, Sex!.Value,
                string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(), string.IsNullOrWhiteSpace(Address) ? null : Address.Trim());
    }
}
