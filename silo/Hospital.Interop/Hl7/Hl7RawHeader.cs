namespace Hospital.Interop.Hl7;

/// <summary>
/// A forgiving look at the first line of something that may be an HL7 message, for when it could not be parsed:
/// enough to address a rejection and to find MSH-18 before the bytes are decoded.
/// </summary>
internal sealed class Hl7RawHeader
{
    private readonly string[] _parts;

    private Hl7RawHeader(string[] parts, Hl7Delimiters delimiters)
    {
        _parts = parts;
        Delimiters = delimiters;
    }

    /// <summary>The separators declared, or the defaults (with the declared field separator) when they are unusable.</summary>
    public Hl7Delimiters Delimiters { get; }

    /// <summary>MSH-n as written (still escaped), empty when absent; n from 3.</summary>
    public string Raw(int n) => n >= 3 && n - 1 < _parts.Length ? _parts[n - 1] : "";

    /// <summary>MSH-n read as a field with the declared separators.</summary>
    public Hl7Field Field(int n) => Hl7FieldReader.Read(Raw(n), Delimiters, System.Text.Encoding.UTF8);

    /// <summary>The header of <paramref name="text"/>, or null when it does not start with <c>MSH</c> and a separator.</summary>
    public static Hl7RawHeader? Read(string text)
    {
        var line = FirstLine(text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n'));
        if (line.Length < 4 || !line.StartsWith("MSH", StringComparison.Ordinal))
            return null;
        Hl7Delimiters delimiters;
        try
        {
            delimiters = Hl7Delimiters.FromHeader(line);
        }
        catch (Hl7ParseException)
        {
            delimiters = Hl7Delimiters.Default with { Field = line[3] };
            if (delimiters.EncodingCharacters.Contains(line[3]))
                delimiters = Hl7Delimiters.Default;
        }
        return new Hl7RawHeader(line.Split(line[3]), delimiters);
    }

    private static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end];
    }
}
