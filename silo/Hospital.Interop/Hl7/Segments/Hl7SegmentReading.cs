using System.Globalization;

namespace Hospital.Interop.Hl7;

/// <summary>What the typed segment readers share: checked ids, dates and numbers that name their field when wrong.</summary>
internal static class Hl7SegmentReading
{
    public static void Expect(Hl7Segment segment, string id)
    {
        if (segment.Id != id)
            throw new ArgumentException($"Expected a {id} segment, got {segment.Id}.", nameof(segment));
    }

    public static DateTimeOffset? DateTime(this Hl7Segment segment, int field, TimeSpan defaultOffset) =>
        Hl7DateTime.Parse(segment.Value(field), segment.Location(field), defaultOffset);

    public static decimal? Number(this Hl7Segment segment, int field)
    {
        var text = segment.Value(field).Trim();
        if (text.Length == 0 || text == "\"\"")
            return null;
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (!decimal.TryParse(text, style, CultureInfo.InvariantCulture, out var number))
            throw new Hl7ParseException(Hl7ParseFailure.InvalidNumber,
                $"{segment.Location(field)} '{Hl7Delimiters.Preview(text)}' is not a number.", segment.Location(field));
        return number;
    }

    public static IReadOnlyList<Hl7Identifier> Identifiers(this Hl7Segment segment, int field) =>
        segment.Field(field).Repetitions.Where(r => !r.IsEmpty).Select(Hl7Identifier.Read).ToArray();

    public static IReadOnlyList<string> Values(this Hl7Segment segment, int field) =>
        segment.Field(field).Repetitions.Select(r => r.Value).Where(v => v.Length > 0).ToArray();
}
