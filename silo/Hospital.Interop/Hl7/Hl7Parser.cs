using System.Text;

namespace Hospital.Interop.Hl7;

/// <summary>Turns message text into segments, checking what every receiver relies on: MSH first and whole, sane ids, the limits.</summary>
internal static class Hl7Parser
{
    // MSH-9 (type), MSH-10 (control id) and MSH-12 (version) are what an ack and a router cannot do without.
    private static readonly int[] RequiredHeaderFields = [9, 10, 12];

    /// <param name="encoding">What the bytes were decoded with; null for text, when MSH-18 decides.</param>
    public static Hl7Message Parse(string text, Hl7ParseOptions options, Encoding? encoding)
    {
        if (text.Length > options.MaxBytes || (text.Length * 3L > options.MaxBytes && Encoding.UTF8.GetByteCount(text) > options.MaxBytes))
            throw TooLarge(options);
        var lines = Lines(text.TrimStart('\uFEFF'), options);
        if (lines.Count == 0)
            throw new Hl7ParseException(Hl7ParseFailure.Empty, "The message is empty.");
        if (!lines[0].StartsWith("MSH", StringComparison.Ordinal))
            throw new Hl7ParseException(Hl7ParseFailure.MissingHeader,
                $"The first segment must be MSH, found '{Hl7Delimiters.Preview(lines[0])}'.");
        var d = Hl7Delimiters.FromHeader(lines[0]);
        encoding ??= Hl7Charset.ForMessage(lines[0]);
        var segments = new List<Hl7Segment>(lines.Count) { Header(lines[0], d, encoding) };
        for (var i = 1; i < lines.Count; i++)
            segments.Add(Segment(lines[i], i + 1, d, encoding));
        CheckHeader(segments[0], options);
        return new Hl7Message(d, segments, encoding, options.DefaultOffset);
    }

    internal static Hl7ParseException TooLarge(Hl7ParseOptions options) =>
        new(Hl7ParseFailure.MessageTooLarge, $"The message is over the limit of {options.MaxBytes} bytes.");

    private static List<string> Lines(string text, Hl7ParseOptions options)
    {
        var lines = new List<string>();
        foreach (var range in text.AsSpan().SplitAny('\r', '\n'))
        {
            var line = text[range];
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (lines.Count == options.MaxSegments)
                throw new Hl7ParseException(Hl7ParseFailure.TooManySegments,
                    $"The message has more than {options.MaxSegments} segments.");
            lines.Add(line);
        }
        return lines;
    }

    private static Hl7Segment Header(string line, Hl7Delimiters d, Encoding encoding)
    {
        var parts = line.Split(d.Field);
        // MSH-1 is the separator itself and MSH-2 is taken literally: its escape character must not be decoded.
        var fields = new List<Hl7Field>(parts.Length) { Hl7Field.Of(d.Field.ToString()), Hl7Field.Of(parts[1]) };
        for (var i = 2; i < parts.Length; i++)
            fields.Add(Hl7FieldReader.Read(parts[i], d, encoding));
        return new Hl7Segment("MSH", fields);
    }

    private static Hl7Segment Segment(string line, int position, Hl7Delimiters d, Encoding encoding)
    {
        var parts = line.Split(d.Field);
        var id = parts[0];
        if (id.Length != 3 || !id.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9')))
            throw new Hl7ParseException(Hl7ParseFailure.BadSegmentId,
                $"Segment {position} has id '{Hl7Delimiters.Preview(id)}'; a segment id is three upper-case letters or digits.");
        var fields = new Hl7Field[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
            fields[i - 1] = Hl7FieldReader.Read(parts[i], d, encoding);
        return new Hl7Segment(id, fields);
    }

    private static void CheckHeader(Hl7Segment msh, Hl7ParseOptions options)
    {
        if (msh.FieldCount < 12)
            throw new Hl7ParseException(Hl7ParseFailure.TruncatedHeader,
                $"MSH has {msh.FieldCount} fields; it needs at least 12 (MSH-9, MSH-10 and MSH-12 are required).",
                msh.Location(msh.FieldCount + 1));
        foreach (var n in RequiredHeaderFields)
            if (msh.Field(n).Value.Length == 0)
                throw new Hl7ParseException(Hl7ParseFailure.RequiredFieldMissing, $"MSH-{n} is required.", msh.Location(n));
        var version = msh.Field(12).Value;
        if (!options.AcceptAnyVersion && !Hl7ParseOptions.SupportedVersions.Contains(version))
            throw new Hl7ParseException(Hl7ParseFailure.UnsupportedVersion,
                $"MSH-12 version '{Hl7Delimiters.Preview(version)}' is not supported; supported: {string.Join(", ", Hl7ParseOptions.SupportedVersions)}.",
                msh.Location(12));
    }
}
