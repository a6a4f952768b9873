namespace Hospital.Interop.Hl7;

/// <summary>
/// What an acknowledgement takes from the message it answers: the two parties (to swap them), MSH-10 (for MSA-2),
/// the trigger, processing id and version. Can be read from a parsed message or, when parsing failed, from whatever
/// header the raw text has.
/// </summary>
public sealed record Hl7AckSource(
    Hl7Field SendingApplication,
    Hl7Field SendingFacility,
    Hl7Field ReceivingApplication,
    Hl7Field ReceivingFacility,
    string ControlId,
    string Trigger,
    string ProcessingId,
    string Version)
{
    /// <summary>The version an ack claims when the inbound message does not say.</summary>
    public const string FallbackVersion = "2.5.1";

    /// <summary>Nothing known about the sender: bytes that were not a message at all.</summary>
    public static Hl7AckSource Unknown { get; } = new(Hl7Field.Empty, Hl7Field.Empty, Hl7Field.Empty, Hl7Field.Empty, "", "", "", "");

    /// <summary>Reads the source from a parsed message.</summary>
    public static Hl7AckSource From(Hl7Message message)
    {
        var msh = message.Header;
        return new(msh.Field(3), msh.Field(4), msh.Field(5), msh.Field(6),
            msh.Value(10), msh.Value(9, component: 2), msh.Value(11), msh.Value(12));
    }

    /// <summary>Reads what it can from text that may not parse (truncated MSH, bad segments); never throws.</summary>
    public static Hl7AckSource FromRaw(string raw)
    {
        if (Hl7RawHeader.Read(raw) is not { } header)
            return Unknown;
        return new(header.Field(3), header.Field(4), header.Field(5), header.Field(6),
            header.Field(10).Value, header.Field(9).Repetition(1).Component(2), header.Field(11).Value, header.Field(12).Value);
    }

    /// <summary>Reads what it can from bytes that may not parse; never throws.</summary>
    public static Hl7AckSource FromRaw(ReadOnlySpan<byte> raw) => FromRaw(Hl7Charset.DecodeLeniently(raw));
}
