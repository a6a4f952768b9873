namespace Hospital.Interop.Hl7;

/// <summary>The EVN segment: when the event was recorded (EVN-2) and when it happened (EVN-6, when the sender says).</summary>
public sealed record Hl7Event(DateTimeOffset? RecordedAt, DateTimeOffset? OccurredAt)
{
    /// <summary>When the event happened: EVN-6, or EVN-2 when EVN-6 is empty.</summary>
    public DateTimeOffset? EffectiveAt => OccurredAt ?? RecordedAt;

    /// <summary>The message's EVN, or null when it has none.</summary>
    public static Hl7Event? From(Hl7Message message) => message["EVN"] is { } evn ? Read(evn, message.DefaultOffset) : null;

    /// <summary>Reads an EVN segment.</summary>
    /// <exception cref="Hl7ParseException">EVN-2 or EVN-6 is not a valid date/time.</exception>
    public static Hl7Event Read(Hl7Segment evn, TimeSpan defaultOffset = default)
    {
        Hl7SegmentReading.Expect(evn, "EVN");
        return new(evn.DateTime(2, defaultOffset), evn.DateTime(6, defaultOffset));
    }
}
