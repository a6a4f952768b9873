namespace Hospital.Interop.Hl7;

/// <summary>
/// The separators a message declares for itself: MSH-1 (field) and the four characters of MSH-2 (component,
/// repetition, escape, subcomponent), usually <c>|^~\&amp;</c>.
/// </summary>
public sealed record Hl7Delimiters(char Field, char Component, char Repetition, char Escape, char Subcomponent)
{
    /// <summary>The separators nearly every sender uses: <c>|^~\&amp;</c>.</summary>
    public static Hl7Delimiters Default { get; } = new('|', '^', '~', '\\', '&');

    /// <summary>MSH-2 as written: component, repetition, escape and subcomponent separators.</summary>
    public string EncodingCharacters => string.Concat(Component, Repetition, Escape, Subcomponent);

    /// <summary>
    /// Reads the separators from the start of an MSH segment. MSH-2 must hold four distinct characters (a fifth, the
    /// v2.7 truncation character, is tolerated and ignored) that are not letters, digits, whitespace or the field
    /// separator.
    /// </summary>
    /// <exception cref="Hl7ParseException">The header is too short or the characters are unusable.</exception>
    public static Hl7Delimiters FromHeader(string header)
    {
        if (header.Length < 8)
            throw BadCharacters($"MSH is too short to hold MSH-1 and MSH-2: '{Preview(header)}'.");
        var field = header[3];
        var end = header.IndexOf(field, 4);
        var declared = end < 0 ? header[4..] : header[4..end];
        if (declared.Length is < 4 or > 5)
            throw BadCharacters($"MSH-2 must hold 4 encoding characters, found '{Preview(declared)}'.");
        var chars = field + declared;
        if (chars.Any(c => char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || char.IsControl(c)))
            throw BadCharacters($"MSH-1 and MSH-2 must not be letters, digits, whitespace or control characters: '{Preview(chars)}'.");
        if (chars.Distinct().Count() != chars.Length)
            throw BadCharacters($"MSH-1 and MSH-2 must be five different characters: '{Preview(chars)}'.");
        return new Hl7Delimiters(field, declared[0], declared[1], declared[2], declared[3]);
    }

    /// <summary>Whether <paramref name="c"/> is one of the five separators.</summary>
    public bool IsDelimiter(char c) => c == Field || c == Component || c == Repetition || c == Escape || c == Subcomponent;

    private static Hl7ParseException BadCharacters(string detail) =>
        new(Hl7ParseFailure.BadEncodingCharacters, detail, new Hl7ErrorLocation("MSH", Field: 2));

    // Error texts quote what was received; a bounded quote keeps a hostile header out of logs and acks.
    internal static string Preview(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
