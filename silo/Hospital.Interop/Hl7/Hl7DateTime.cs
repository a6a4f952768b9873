using System.Globalization;
using System.Text.RegularExpressions;

namespace Hospital.Interop.Hl7;

/// <summary>
/// HL7 date/times (TS/DTM): <c>YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]</c>. Missing parts read as their
/// lowest value; a value without an offset is taken at the offset the caller gives (UTC by default). Years are
/// bounded to 1900..2200 so a typo cannot become a plausible date centuries away.
/// </summary>
public static partial class Hl7DateTime
{
    /// <summary>The earliest year accepted.</summary>
    public const int MinYear = 1900;

    /// <summary>The latest year accepted.</summary>
    public const int MaxYear = 2200;

    /// <summary>
    /// Reads a date/time; null when the value is empty or the HL7 null <c>""</c>.
    /// </summary>
    /// <param name="location">The field being read, named in the error.</param>
    /// <exception cref="Hl7ParseException">The value is not a valid date/time.</exception>
    public static DateTimeOffset? Parse(string value, Hl7ErrorLocation location, TimeSpan defaultOffset = default)
    {
        if (value.Length == 0 || value == "\"\"")
            return null;
        var match = Pattern().Match(value);
        if (!match.Success)
            throw Invalid(value, location, "is not YYYY[MM[DD[HH[MM[SS[.SSSS]]]]]][+/-ZZZZ]");
        int Part(int group, int absent) => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : absent;
        var (year, month, day) = (Part(1, 0), Part(2, 1), Part(3, 1));
        var (hour, minute, second) = (Part(4, 0), Part(5, 0), Part(6, 0));
        if (year is < MinYear or > MaxYear)
            throw Invalid(value, location, $"has year {year}, outside {MinYear}..{MaxYear}");
        if (month is < 1 or > 12)
            throw Invalid(value, location, $"has month {month}");
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
            throw Invalid(value, location, $"has day {day}, not in {year}-{month:00}");
        if (hour > 23 || minute > 59 || second > 59)
            throw Invalid(value, location, $"has time {hour:00}:{minute:00}:{second:00}");
        var ticks = match.Groups[7].Success ? FractionTicks(match.Groups[7].Value) : 0;
        var offset = match.Groups[8].Success ? Offset(match.Groups[8].Value, value, location) : defaultOffset;
        return new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
    }

    /// <summary>Writes a date/time to the second with its offset, e.g. <c>20250301143000+0100</c>.</summary>
    public static string Format(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return value.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + sign + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
    }

    private static long FractionTicks(string digits) =>
        long.Parse(digits.PadRight(7, '0'), CultureInfo.InvariantCulture);

    private static TimeSpan Offset(string text, string value, Hl7ErrorLocation location)
    {
        var hours = int.Parse(text.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(text.AsSpan(3, 2), CultureInfo.InvariantCulture);
        if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
            throw Invalid(value, location, $"has offset {text}, outside -1400..+1400");
        var offset = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -offset : offset;
    }

    private static Hl7ParseException Invalid(string value, Hl7ErrorLocation location, string why) =>
        new(Hl7ParseFailure.InvalidDateTime, $"{location} '{Hl7Delimiters.Preview(value)}' {why}.", location);

    [GeneratedRegex(@"^([0-9]{4})(?:([0-9]{2})(?:([0-9]{2})(?:([0-9]{2})(?:([0-9]{2})(?:([0-9]{2})(?:\.([0-9]{1,4}))?)?)?)?)?)?([+-][0-9]{4})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
