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
    // The platform runs with invariant globalization (no ICU), so Latin diacritics are folded by table.
    private static readonly Dictionary<char, string> Folded = BuildFolding();

    /// <summary>The longest name the index holds, counted folded: "ß" folds to "ss", so 200 of them need 400.</summary>
    public const int MaxLength = 200;

    /// <summary>Whether <paramref name="name"/> fits the index as given and as folded.</summary>
    public static bool Fits(string name) => name.Length <= MaxLength && Normalize(name).Length <= MaxLength;

    /// <summary>Lower case without diacritics, so "Zoë" is found by "zoe".</summary>
    public static string Normalize(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (Folded.TryGetValue(c, out var plain))
            {
                builder.Append(plain);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static Dictionary<char, string> BuildFolding()
    {
        var table = new Dictionary<char, string> { ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['þ'] = "th", ['ð'] = "d" };
        foreach (var (letters, plain) in new[]
        {
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"), ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"),
            ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("ŕŗř", "r"), ("śŝşšș", "s"), ("ţťŧț", "t"),
            ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżž", "z"),
        })
        {
            foreach (var letter in letters)
            {
                table[letter] = plain;
            }
        }

        return table;
    }

    public static IReadOnlyList<string> Words(string? name) =>
        name is null ? [] : name.Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Normalize).Take(5).ToList();
}
