namespace Hospital.Interop.Hl7;

/// <summary>HL7 table 0357, message error condition codes, for ERR-3.</summary>
public enum Hl7ErrorCode
{
    /// <summary>Segments are missing or out of order (e.g. no MSH first).</summary>
    SegmentSequenceError = 100,
    /// <summary>A required field is missing.</summary>
    RequiredFieldMissing = 101,
    /// <summary>A field's value is not of its data type (e.g. a date with month 13).</summary>
    DataTypeError = 102,
    /// <summary>A coded value is not in its table.</summary>
    TableValueNotFound = 103,
    /// <summary>The message type (MSH-9.1) is not handled.</summary>
    UnsupportedMessageType = 200,
    /// <summary>The trigger event (MSH-9.2) is not handled.</summary>
    UnsupportedEventCode = 201,
    /// <summary>The processing id (MSH-11) is not handled.</summary>
    UnsupportedProcessingId = 202,
    /// <summary>The version (MSH-12) is not handled.</summary>
    UnsupportedVersionId = 203,
    /// <summary>A referenced key (patient, visit, order) is not known.</summary>
    UnknownKeyIdentifier = 204,
    /// <summary>A key that must be new already exists.</summary>
    DuplicateKeyIdentifier = 205,
    /// <summary>The record is locked by another process.</summary>
    ApplicationRecordLocked = 206,
    /// <summary>Anything else that went wrong in the receiver.</summary>
    ApplicationInternalError = 207,
}

/// <summary>The table 0357 texts.</summary>
public static class Hl7ErrorCodes
{
    /// <summary>The table's name for a code, e.g. "Required field missing".</summary>
    public static string Text(this Hl7ErrorCode code) => code switch
    {
        Hl7ErrorCode.SegmentSequenceError => "Segment sequence error",
        Hl7ErrorCode.RequiredFieldMissing => "Required field missing",
        Hl7ErrorCode.DataTypeError => "Data type error",
        Hl7ErrorCode.TableValueNotFound => "Table value not found",
        Hl7ErrorCode.UnsupportedMessageType => "Unsupported message type",
        Hl7ErrorCode.UnsupportedEventCode => "Unsupported event code",
        Hl7ErrorCode.UnsupportedProcessingId => "Unsupported processing id",
        Hl7ErrorCode.UnsupportedVersionId => "Unsupported version id",
        Hl7ErrorCode.UnknownKeyIdentifier => "Unknown key identifier",
        Hl7ErrorCode.DuplicateKeyIdentifier => "Duplicate key identifier",
        Hl7ErrorCode.ApplicationRecordLocked => "Application record locked",
        _ => "Application internal error",
    };
}
