using System.Text;

namespace Hospital.Interop.Hl7;

/// <summary>
/// Character sets named in MSH-18 (HL7 table 0211). Messages travel as bytes; without MSH-18 they are UTF-8.
/// Supported: <c>UNICODE UTF-8</c> (also <c>UTF-8</c>), <c>8859/1</c> (also <c>ISO-8859-1</c>) and <c>ASCII</c>.
/// Multi-byte sets such as UTF-16 cannot travel over MLLP and are refused.
/// </summary>
public static class Hl7Charset
{
    /// <summary>The encoding for an MSH-18 value; UTF-8 when it is empty.</summary>
    /// <exception cref="Hl7ParseException">The character set is not supported.</exception>
    public static Encoding For(string? characterSet) => characterSet?.Trim().ToUpperInvariant() switch
    {
        null or "" or "UNICODE UTF-8" or "UTF-8" or "UTF8" => Utf8,
        "8859/1" or "ISO-8859-1" or "ISO_8859-1" or "LATIN1" => Encoding.Latin1,
        "ASCII" or "US-ASCII" => Encoding.ASCII,
        _ => throw new Hl7ParseException(Hl7ParseFailure.UnsupportedCharacterSet,
            $"MSH-18 character set '{Hl7Delimiters.Preview(characterSet ?? "")}' is not supported; use UNICODE UTF-8, 8859/1 or ASCII.",
            new Hl7ErrorLocation("MSH", Field: 18)),
    };

    /// <summary>The encoding <paramref name="message"/> declares in MSH-18; UTF-8 when it declares none.</summary>
    public static Encoding ForMessage(string message) => For(Declared(Hl7RawHeader.Read(message)));

    /// <summary>Decodes message bytes in the character set their own MSH-18 declares (UTF-8 when none).</summary>
    /// <exception cref="Hl7ParseException">The character set is not supported.</exception>
    public static string Decode(ReadOnlySpan<byte> message) => Decode(message, out _);

    internal static string Decode(ReadOnlySpan<byte> message, out Encoding encoding)
    {
        if (message.StartsWith(Utf8Bom))
            message = message[Utf8Bom.Length..];
        // Latin-1 maps each byte to one char, so the ASCII header reads the same whatever the body's encoding.
        var header = Encoding.Latin1.GetString(message[..HeaderLength(message)]);
        encoding = For(Declared(Hl7RawHeader.Read(header)));
        return encoding.GetString(message);
    }

    /// <summary>Decodes bytes that may not be a valid message, never throwing: for texts of rejections and logs.</summary>
    public static string DecodeLeniently(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return Decode(bytes);
        }
        catch (Hl7ParseException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static int HeaderLength(ReadOnlySpan<byte> message)
    {
        var end = message.IndexOfAny((byte)'\r', (byte)'\n');
        return end < 0 ? message.Length : end;
    }

    // MSH-18 may repeat (alternate sets for escapes); the first repetition is the message's own.
    private static string? Declared(Hl7RawHeader? header) => header?.Field(18).Value;
}
