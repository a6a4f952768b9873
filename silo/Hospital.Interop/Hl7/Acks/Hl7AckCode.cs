namespace Hospital.Interop.Hl7;

/// <summary>MSA-1 in original acknowledgement mode.</summary>
public enum Hl7AckCode
{
    /// <summary>Application accept: the message was processed.</summary>
    AA,
    /// <summary>Application error: the message was read but could not be processed; resending it as is will fail again.</summary>
    AE,
    /// <summary>Application reject: the message could not be taken in (structure, header, type, version), or the receiver is unavailable.</summary>
    AR,
}
