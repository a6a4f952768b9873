namespace Hospital.Interop.Hl7;

/// <summary>Limits for <see cref="MllpReader"/>.</summary>
public sealed record MllpReaderOptions
{
    /// <summary>1 MiB frames, 4 KiB previews, 8 KiB reads.</summary>
    public static MllpReaderOptions Default { get; } = new();

    /// <summary>The largest frame returned as a message; larger ones are skipped and reported as oversized.</summary>
    public int MaxFrameBytes { get; init; } = 1024 * 1024;

    /// <summary>How many bytes of a garbage, oversized or truncated frame are kept for the caller to inspect.</summary>
    public int PreviewBytes { get; init; } = 4096;

    /// <summary>How many bytes are asked of the stream at a time.</summary>
    public int BufferSize { get; init; } = 8192;
}
