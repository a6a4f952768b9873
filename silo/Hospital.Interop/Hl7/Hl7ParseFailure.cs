namespace Hospital.Interop.Hl7;

/// <summary>What was wrong with a message that could not be read.</summary>
public enum Hl7ParseFailure
{
    /// <summary>Nothing but whitespace.</summary>
    Empty,
    /// <summary>The first segment is not MSH.</summary>
    MissingHeader,
    /// <summary>MSH-1 or MSH-2 is missing, repeated or made of unusable characters.</summary>
    BadEncodingCharacters,
    /// <summary>MSH has fewer than 12 fields.</summary>
    TruncatedHeader,
    /// <summary>A field the reader needs (MSH-9, MSH-10, MSH-12, ...) is empty.</summary>
    RequiredFieldMissing,
    /// <summary>A segment id is not three upper-case letters or digits.</summary>
    BadSegmentId,
    /// <summary>The message is over the configured byte limit.</summary>
    MessageTooLarge,
    /// <summary>The message has more segments than the configured limit.</summary>
    TooManySegments,
    /// <summary>MSH-12 names a version outside 2.3 to 2.5.1.</summary>
    UnsupportedVersion,
    /// <summary>MSH-18 names a character set this library cannot decode.</summary>
    UnsupportedCharacterSet,
    /// <summary>A date/time field is not a valid HL7 DTM/TS.</summary>
    InvalidDateTime,
    /// <summary>A numeric field (e.g. OBX-5 of type NM) is not a number.</summary>
    InvalidNumber,
    /// <summary>A segment stands where the message structure does not allow it (e.g. OBX before any OBR).</summary>
    SegmentOutOfOrder,
    /// <summary>A coded field holds a value outside its table (e.g. PID-8 sex).</summary>
    InvalidValue,
}
