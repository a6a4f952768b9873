namespace Hospital.Interop.Hl7;

/// <summary>Limits and defaults for reading messages.</summary>
public sealed record Hl7ParseOptions
{
    /// <summary>The defaults: 1 MiB, 10,000 segments, UTC, versions 2.3 to 2.5.1.</summary>
    public static Hl7ParseOptions Default { get; } = new();

    /// <summary>The largest message accepted, in bytes (UTF-8 bytes when parsing text).</summary>
    public int MaxBytes { get; init; } = 1024 * 1024;

    /// <summary>The most segments a message may have.</summary>
    public int MaxSegments { get; init; } = 10_000;

    /// <summary>The offset given to date/times that carry none.</summary>
    public TimeSpan DefaultOffset { get; init; } = TimeSpan.Zero;

    /// <summary>When false (the default), MSH-12 must be one of <see cref="SupportedVersions"/>.</summary>
    public bool AcceptAnyVersion { get; init; }

    /// <summary>The versions whose segments the typed readers have been written against.</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } = ["2.3", "2.3.1", "2.4", "2.5", "2.5.1"];
}
