namespace Hospital.Contracts.Patients;

/// <summary>A patient as the search index holds them: enough to pick the right one without opening the chart.</summary>
public sealed record PatientSummary(string Mrn, PersonName Name, DateOnly BirthDate, Sex Sex);

/// <summary>
/// The patient search index, a table of the project's own next to the journal: search never activates patient grains.
/// The patient grain keeps it current (durably, before a registration is acknowledged).
/// </summary>
public interface IPatientIndex
{
    Task UpsertAsync(Patient patient, CancellationToken cancellationToken = default);

    /// <summary>Patients matching every criterion given: each word of <paramref name="name"/> as the start of the given or family name.</summary>
    Task<IReadOnlyList<PatientSummary>> SearchAsync(string? name, DateOnly? birthDate, string? mrn, int limit, CancellationToken cancellationToken = default);
}

public static class PatientNames
{
    /// <summary>Lower case without diacritics, so "Zoë" is found by "zoe".</summary>
    public static string Normalize(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        var kept = decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark);
        return new string(kept.ToArray()).Normalize(System.Text.NormalizationForm.FormC);
    }

    public static IReadOnlyList<string> Words(string? name) =>
        name is null ? [] : name.Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Normalize).Take(5).ToList();
}
