using System.Text.Json.Serialization;

namespace Hospital.Contracts.Patients;

/// <summary>Administrative sex, as FHIR's AdministrativeGender.</summary>
public enum Sex
{
    [JsonStringEnumMemberName("female")] Female,
    [JsonStringEnumMemberName("male")] Male,
    [JsonStringEnumMemberName("other")] Other,
    [JsonStringEnumMemberName("unknown")] Unknown,
}
