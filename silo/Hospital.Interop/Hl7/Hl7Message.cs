using System.Text;

namespace Hospital.Interop.Hl7;

/// <summary>
/// An HL7 v2 message: its separators and its segments, MSH first. Read one with <see cref="Parse(string, Hl7ParseOptions?)"/>,
/// look values up by path (<c>message.Value("PID-3[2].1")</c>) or by segment (<c>message["PV1"]?.Field(3)</c>), and write
/// it back with <see cref="Encode"/>.
/// </summary>
public sealed class Hl7Message
{
    /// <summary>Builds a message from segments, the first of which must be MSH.</summary>
    /// <param name="encoding">The character set it travels in; UTF-8 when null.</param>
    /// <param name="defaultOffset">The offset typed readers give date/times that carry none.</param>
    public Hl7Message(Hl7Delimiters delimiters, IEnumerable<Hl7Segment> segments, Encoding? encoding = null, TimeSpan defaultOffset = default)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        Segments = segments.Select(s => s.WithSequence(seen[s.Id] = seen.GetValueOrDefault(s.Id) + 1)).ToArray();
        if (Segments.Count == 0 || Segments[0].Id != "MSH")
            throw new ArgumentException("A message starts with an MSH segment.", nameof(segments));
        Delimiters = delimiters;
        Encoding = encoding ?? new UTF8Encoding(false);
        DefaultOffset = defaultOffset;
    }

    /// <summary>The separators the message declares in MSH-1 and MSH-2.</summary>
    public Hl7Delimiters Delimiters { get; }

    /// <summary>Every segment, in order.</summary>
    public IReadOnlyList<Hl7Segment> Segments { get; }

    /// <summary>The character set the message was read from, and is written in.</summary>
    public Encoding Encoding { get; }

    /// <summary>The offset given to date/times that carry none.</summary>
    public TimeSpan DefaultOffset { get; }

    /// <summary>The MSH segment.</summary>
    public Hl7Segment Header => Segments[0];

    /// <summary>The first segment with this id, or null.</summary>
    public Hl7Segment? this[string segmentId] => Segments.FirstOrDefault(s => s.Id == segmentId);

    /// <summary>Every segment with this id, in order (each OBX of a result).</summary>
    public IEnumerable<Hl7Segment> All(string segmentId) => Segments.Where(s => s.Id == segmentId);

    /// <summary>
    /// One value by path: <c>SEG[n]-F[r].C.S</c>, e.g. <c>PID-3[2].1</c>, <c>PV1-3.1</c>, <c>MSH-9.2</c>, <c>OBX[2]-5</c>.
    /// Occurrence and repetition default to 1, component and subcomponent to 1. Empty when absent.
    /// </summary>
    /// <exception cref="ArgumentException">The path is not of that form.</exception>
    public string Value(string path)
    {
        var p = Hl7Path.Parse(path);
        var segment = All(p.SegmentId).Skip(p.Sequence - 1).FirstOrDefault();
        return segment?.Value(p.Field, p.Repetition, p.Component, p.Subcomponent) ?? "";
    }

    /// <summary>The message as text: segments each ended by a carriage return, values escaped.</summary>
    public string Encode() => Hl7Writer.Write(this);

    /// <summary>The message as bytes in its <see cref="Encoding"/>, ready for <see cref="MllpWriter"/>.</summary>
    public byte[] ToBytes() => Encoding.GetBytes(Encode());

    /// <inheritdoc cref="Encode"/>
    public override string ToString() => Encode();

    /// <summary>Reads a message from text. Its MSH-18 still decides how <c>\Xhh\</c> escapes and <see cref="ToBytes"/> encode.</summary>
    /// <exception cref="Hl7ParseException">The message is malformed, over a limit or declares an unsupported character set.</exception>
    public static Hl7Message Parse(string text, Hl7ParseOptions? options = null) =>
        Hl7Parser.Parse(text, options ?? Hl7ParseOptions.Default, encoding: null);

    /// <summary>Reads a message from bytes, in the character set its MSH-18 declares (UTF-8 when none).</summary>
    /// <exception cref="Hl7ParseException">The message is malformed, over a limit or in an unsupported character set.</exception>
    public static Hl7Message Parse(ReadOnlySpan<byte> bytes, Hl7ParseOptions? options = null)
    {
        options ??= Hl7ParseOptions.Default;
        if (bytes.Length > options.MaxBytes)
            throw Hl7Parser.TooLarge(options);
        var text = Hl7Charset.Decode(bytes, out var encoding);
        return Hl7Parser.Parse(text, options, encoding);
    }
}
