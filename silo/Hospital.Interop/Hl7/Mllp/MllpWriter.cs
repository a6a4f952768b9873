namespace Hospital.Interop.Hl7;

/// <summary>Writes messages in MLLP frames: VT, the message bytes, FS CR, in one write.</summary>
public static class MllpWriter
{
    /// <summary>Writes a message in the character set its MSH-18 declares (UTF-8 when none).</summary>
    /// <exception cref="ArgumentException">The message holds a VT or FS byte, which would break the framing.</exception>
    /// <exception cref="Hl7ParseException">MSH-18 names an unsupported character set.</exception>
    public static Task WriteAsync(Stream stream, string message, CancellationToken cancellationToken = default) =>
        WriteAsync(stream, Hl7Charset.ForMessage(message).GetBytes(message), cancellationToken);

    /// <summary>Writes message bytes as one frame.</summary>
    /// <exception cref="ArgumentException">The message holds a VT or FS byte, which would break the framing.</exception>
    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        if (message.Span.IndexOfAny(Mllp.StartBlock, Mllp.EndBlock) >= 0)
            throw new ArgumentException("An MLLP message must not contain VT (0x0B) or FS (0x1C) bytes.", nameof(message));
        // One buffer, one write: three small writes would each become a packet on a socket without Nagle.
        var frame = new byte[message.Length + 3];
        frame[0] = Mllp.StartBlock;
        message.Span.CopyTo(frame.AsSpan(1));
        frame[^2] = Mllp.EndBlock;
        frame[^1] = Mllp.CarriageReturn;
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
