using System.Globalization;
using System.Text;

namespace Hospital.Interop.Hl7;

/// <summary>
/// HL7 escape sequences. Reading decodes <c>\F\ \S\ \T\ \R\ \E\</c>, <c>\Xhh..\</c> (bytes in the message's character
/// set), <c>\.br\</c> (a line break, read as "\n") and drops <c>\H\ \N\</c> (highlighting); any other sequence is
/// kept as written. Writing escapes the five separators, writes "\n" as <c>\.br\</c> and other ASCII control characters as
/// <c>\Xhh\</c>, so no value can break a segment or an MLLP frame.
/// </summary>
public static class Hl7Escaping
{
    /// <summary>Text as it must be written inside a field, component or subcomponent.</summary>
    public static string Escape(string text, Hl7Delimiters delimiters)
    {
        if (!text.Any(c => delimiters.IsDelimiter(c) || IsAsciiControl(c)))
            return text;
        var e = delimiters.Escape;
        var written = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c == delimiters.Field) written.Append(e).Append('F').Append(e);
            else if (c == delimiters.Component) written.Append(e).Append('S').Append(e);
            else if (c == delimiters.Subcomponent) written.Append(e).Append('T').Append(e);
            else if (c == delimiters.Repetition) written.Append(e).Append('R').Append(e);
            else if (c == e) written.Append(e).Append('E').Append(e);
            else if (c == '\n') written.Append(e).Append(".br").Append(e);
            else if (IsAsciiControl(c)) written.Append(e).Append('X').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)).Append(e);
            else written.Append(c);
        }
        return written.ToString();
    }

    // Only C0 controls and DEL: one byte in every supported character set, so \Xhh\ reads back the same character.
    private static bool IsAsciiControl(char c) => c < ' ' || c == '\x7f';

    /// <summary>Text as written in a message, with its escape sequences decoded.</summary>
    /// <param name="encoding">How <c>\Xhh\</c> bytes are read: the message's character set (UTF-8 by default).</param>
    public static string Unescape(string raw, Hl7Delimiters delimiters, Encoding? encoding = null)
    {
        var e = delimiters.Escape;
        var start = raw.IndexOf(e);
        if (start < 0)
            return raw;
        var read = new StringBuilder(raw.Length);
        read.Append(raw, 0, start);
        var i = start;
        while (i < raw.Length)
        {
            var close = raw[i] == e ? raw.IndexOf(e, i + 1) : -1;
            if (raw[i] != e || close < 0)
            {
                // A lone escape character, like any other text, stands for itself.
                read.Append(raw[i++]);
                continue;
            }
            var sequence = raw.AsSpan(i + 1, close - i - 1);
            if (sequence.IsEmpty)
            {
                read.Append(e);
                i++;
                continue;
            }
            read.Append(Decode(sequence, delimiters, encoding ?? Encoding.UTF8) ?? raw.Substring(i, close - i + 1));
            i = close + 1;
        }
        return read.ToString();
    }

    private static string? Decode(ReadOnlySpan<char> sequence, Hl7Delimiters d, Encoding encoding) => sequence switch
    {
        "F" => d.Field.ToString(),
        "S" => d.Component.ToString(),
        "T" => d.Subcomponent.ToString(),
        "R" => d.Repetition.ToString(),
        "E" => d.Escape.ToString(),
        "H" or "N" => "",
        _ when sequence.Equals(".br", StringComparison.OrdinalIgnoreCase) => "\n",
        ['X', .. var hex] => DecodeHex(hex, encoding),
        _ => null,
    };

    private static string? DecodeHex(ReadOnlySpan<char> hex, Encoding encoding)
    {
        if (hex.IsEmpty || hex.Length % 2 != 0)
            return null;
        try
        {
            return encoding.GetString(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
