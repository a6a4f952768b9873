using System.Globalization;
using System.Text.RegularExpressions;

namespace Hospital.Interop.Hl7;

/// <summary>
/// OBX-7 as written (<see cref="Text"/>) and, when it is numeric, its bounds: <c>3.5-5.1</c> (both inclusive),
/// <c>&lt;5</c>, <c>&lt;=5</c>, <c>&gt;10</c>, <c>&gt;=10</c>. Texts such as <c>negative</c> keep null bounds.
/// </summary>
public sealed partial record Hl7ReferenceRange(string Text, decimal? Low, decimal? High, bool LowInclusive, bool HighInclusive)
{
    /// <summary>Whether the range has a numeric bound.</summary>
    public bool IsNumeric => Low is not null || High is not null;

    /// <summary>Whether a value lies in the range; null when the range is not numeric.</summary>
    public bool? Contains(decimal value)
    {
        if (!IsNumeric)
            return null;
        var aboveLow = Low is not { } low || (LowInclusive ? value >= low : value > low);
        var belowHigh = High is not { } high || (HighInclusive ? value <= high : value < high);
        return aboveLow && belowHigh;
    }

    /// <summary>Reads OBX-7; null when it is empty.</summary>
    public static Hl7ReferenceRange? Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            return null;
        if (Between().Match(trimmed) is { Success: true } between)
            return new(text, Number(between.Groups[1]), Number(between.Groups[2]), true, true);
        if (Bound().Match(trimmed) is not { Success: true } bound)
            return new(text, null, null, false, false);
        var op = bound.Groups[1].Value;
        var value = Number(bound.Groups[2]);
        var inclusive = op.EndsWith('=');
        return op[0] == '<' ? new(text, null, value, false, inclusive) : new(text, value, null, inclusive, false);
    }

    private static decimal Number(Group group) => decimal.Parse(group.ValueSpan, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(-?[0-9]+(?:\.[0-9]+)?)\s*-\s*(-?[0-9]+(?:\.[0-9]+)?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Between();

    [GeneratedRegex(@"^(<=?|>=?)\s*(-?[0-9]+(?:\.[0-9]+)?)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Bound();
}
