namespace Hospital.Contracts.Patients;

/// <summary>A person's name as registered.</summary>
[GenerateSerializer, Immutable, Alias("hospital.patient-name")]
public sealed record PersonName(
    [property: Id(0)] string Given,
    [property: Id(1)] string Family);

/// <summary>What registration captures about a person.</summary>
[GenerateSerializer, Immutable, Alias("hospital.demographics")]
public sealed record Demographics(
    [property: Id(0)] PersonName Name,
    [property: Id(1)] DateOnly BirthDate,
    [property: Id(2)] Sex Sex,
    [property: Id(3)] string? Phone = null,
    [property: Id(4)] string? Address = null);

/// <summary>A registered patient.</summary>
/// <param name="Mrn">Medical record number: unique, never reused.</param>
/// <param name="Version">Increases by one with every change.</param>
/// <param name="MergedInto">The surviving MRN when this record was merged into another (HL7 A40); it holds no bed since.</param>
[GenerateSerializer, Immutable, Alias("hospital.patient")]
public sealed record Patient(
    [property: Id(0)] string Mrn,
    [property: Id(1)] PersonName Name,
    [property: Id(2)] DateOnly BirthDate,
    [property: Id(3)] Sex Sex,
    [property: Id(4)] string? Phone,
    [property: Id(5)] string? Address,
    [property: Id(6)] DateTimeOffset RegisteredAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] long Version,
    [property: Id(9)] string? CurrentEncounterId = null,
    [property: Id(10)] string? MergedInto = null)
{
    /// <summary>"AL" for Ann Lee: what boards show instead of a name.</summary>
    public string Initials => $"{Initial(Name.Given)}{Initial(Name.Family)}";

    private static string Initial(string name) => name.Length == 0 ? "" : char.ToUpperInvariant(name[0]).ToString();
}
