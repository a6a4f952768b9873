namespace Hospital.Interop.Hl7;

/// <summary>What an <see cref="MllpReader"/> found on the wire.</summary>
public enum MllpFrameKind
{
    /// <summary>A whole frame between VT and FS CR: a message to parse.</summary>
    Message,
    /// <summary>Bytes outside any frame (before a VT), skipped.</summary>
    Garbage,
    /// <summary>A frame over the size limit, skipped to its end.</summary>
    Oversized,
    /// <summary>A frame cut short by the end of the stream or by a new VT.</summary>
    Truncated,
}

/// <summary>
/// One thing read from an MLLP stream. For <see cref="MllpFrameKind.Message"/>, <see cref="Payload"/> is the whole
/// message; for the others it is the first bytes only (enough to read an MSH and answer it), and
/// <see cref="Length"/> says how many bytes there were in all.
/// </summary>
public sealed record MllpFrame(MllpFrameKind Kind, ReadOnlyMemory<byte> Payload, long Length)
{
    /// <summary>Whether this is a whole message.</summary>
    public bool IsMessage => Kind == MllpFrameKind.Message;
}
