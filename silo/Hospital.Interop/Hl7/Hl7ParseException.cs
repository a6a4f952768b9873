namespace Hospital.Interop.Hl7;

/// <summary>
/// A message, or one of its fields, could not be read. Carries enough for the receiver to answer with an AR/AE
/// acknowledgement: the <see cref="Failure"/>, its HL7 table 0357 <see cref="ErrorCode"/>, where it was found and
/// whether the ack should reject (AR) or report an application error (AE).
/// </summary>
public sealed class Hl7ParseException(Hl7ParseFailure failure, string message, Hl7ErrorLocation? location = null)
    : FormatException(message)
{
    /// <summary>What was wrong.</summary>
    public Hl7ParseFailure Failure { get; } = failure;

    /// <summary>Where it was wrong, when a segment or field can be named.</summary>
    public Hl7ErrorLocation? Location { get; } = location;

    /// <summary>The HL7 table 0357 code for ERR-3.</summary>
    public Hl7ErrorCode ErrorCode => Failure switch
    {
        Hl7ParseFailure.Empty or Hl7ParseFailure.MissingHeader or Hl7ParseFailure.SegmentOutOfOrder => Hl7ErrorCode.SegmentSequenceError,
        Hl7ParseFailure.TruncatedHeader or Hl7ParseFailure.RequiredFieldMissing => Hl7ErrorCode.RequiredFieldMissing,
        Hl7ParseFailure.BadEncodingCharacters or Hl7ParseFailure.BadSegmentId or Hl7ParseFailure.InvalidDateTime
            or Hl7ParseFailure.InvalidNumber => Hl7ErrorCode.DataTypeError,
        Hl7ParseFailure.InvalidValue or Hl7ParseFailure.UnsupportedCharacterSet => Hl7ErrorCode.TableValueNotFound,
        Hl7ParseFailure.UnsupportedVersion => Hl7ErrorCode.UnsupportedVersionId,
        _ => Hl7ErrorCode.ApplicationInternalError,
    };

    /// <summary>
    /// AR when the message as a whole could not be taken in (its structure or its MSH); AE when the message was read
    /// but a field in its body is wrong.
    /// </summary>
    public Hl7AckCode AckCode => Location is { SegmentId: not "MSH" } ? Hl7AckCode.AE : Hl7AckCode.AR;
}
