namespace Hospital.Interop.Hl7;

/// <summary>
/// Where in a message something is wrong, as ERR-2 (ERL) names it: segment id, which occurrence of that segment,
/// field, repetition and component. Unknown parts are null.
/// </summary>
public sealed record Hl7ErrorLocation(string SegmentId, int Sequence = 1, int? Field = null, int? Repetition = null, int? Component = null)
{
    /// <summary>The ERR-2 components: <c>PID^1^3</c>, or <c>PID^1^3^2^1</c> with a repetition and component.</summary>
    public Hl7Repetition ToErl()
    {
        var parts = new List<string> { SegmentId, Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (Field is { } field)
        {
            parts.Add(Number(field));
            if (Repetition is not null || Component is not null)
                parts.Add(Number(Repetition ?? 1));
            if (Component is { } component)
                parts.Add(Number(component));
        }
        return Hl7Repetition.Of([.. parts]);
    }

    /// <summary>The path form used in texts, e.g. <c>PID-3[2].1</c> or <c>OBX[2]-5</c>.</summary>
    public override string ToString()
    {
        var text = Sequence > 1 ? $"{SegmentId}[{Sequence}]" : SegmentId;
        if (Field is null)
            return text;
        text += $"-{Field}";
        if (Repetition is > 1)
            text += $"[{Repetition}]";
        return Component is null ? text : $"{text}.{Component}";
    }

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
