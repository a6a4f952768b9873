namespace Hospital.Interop.Hl7;

/// <summary>Administrative sex as the platform (and FHIR's AdministrativeGender) knows it; same order as <c>Hospital.Contracts.Patients.Sex</c>.</summary>
public enum AdministrativeSex
{
    /// <summary>female</summary>
    Female,
    /// <summary>male</summary>
    Male,
    /// <summary>other</summary>
    Other,
    /// <summary>unknown</summary>
    Unknown,
}

/// <summary>HL7 table 0001 (PID-8) to <see cref="AdministrativeSex"/>, as the HL7 v2-to-FHIR mapping does it.</summary>
public static class Hl7Sex
{
    /// <summary>
    /// M male, F female, O other, A (ambiguous) other, N (not applicable) other, U and empty unknown.
    /// </summary>
    /// <exception cref="Hl7ParseException">The code is not in table 0001.</exception>
    public static AdministrativeSex Read(string code, Hl7ErrorLocation location) => code.Trim().ToUpperInvariant() switch
    {
        "F" => AdministrativeSex.Female,
        "M" => AdministrativeSex.Male,
        "O" or "A" or "N" => AdministrativeSex.Other,
        "U" or "" or "\"\"" => AdministrativeSex.Unknown,
        _ => throw new Hl7ParseException(Hl7ParseFailure.InvalidValue,
            $"{location} '{Hl7Delimiters.Preview(code)}' is not a sex code (F, M, O, U, A, N).", location),
    };

    /// <summary>The lower-case word the platform's JSON uses: female, male, other, unknown.</summary>
    public static string Code(this AdministrativeSex sex) => sex.ToString().ToLowerInvariant();
}
