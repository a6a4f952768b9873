namespace Hospital.Interop.Hl7;

/// <summary>
/// The MSH segment: who sent the message to whom (the namespace id of each HD), when, what it is, its control id,
/// processing id (P, T, D), version and character set.
/// </summary>
public sealed record Hl7Header(
    string SendingApplication,
    string SendingFacility,
    string ReceivingApplication,
    string ReceivingFacility,
    DateTimeOffset? CreatedAt,
    Hl7MessageType MessageType,
    string ControlId,
    string ProcessingId,
    string Version,
    string CharacterSet)
{
    /// <summary>Reads the header of a message.</summary>
    /// <exception cref="Hl7ParseException">MSH-7 is not a valid date/time.</exception>
    public static Hl7Header Read(Hl7Message message)
    {
        var msh = message.Header;
        var type = msh.Field(9).Repetition(1);
        return new(msh.Value(3), msh.Value(4), msh.Value(5), msh.Value(6),
            msh.DateTime(7, message.DefaultOffset),
            new Hl7MessageType(type.Component(1), type.Component(2), type.Component(3)),
            msh.Value(10), msh.Value(11), msh.Value(12), msh.Value(18));
    }
}
