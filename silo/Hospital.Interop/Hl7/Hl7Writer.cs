using System.Text;

namespace Hospital.Interop.Hl7;

/// <summary>Writes a message as text with its own separators, escaping every value.</summary>
internal static class Hl7Writer
{
    public static string Write(Hl7Message message)
    {
        var d = message.Delimiters;
        var text = new StringBuilder();
        foreach (var segment in message.Segments)
        {
            text.Append(segment.Id);
            var first = 1;
            if (segment.Id == "MSH")
            {
                // MSH-1 and MSH-2 are the separators, written as they are and never escaped.
                text.Append(d.Field).Append(d.EncodingCharacters);
                first = 3;
            }
            for (var n = first; n <= segment.FieldCount; n++)
                WriteField(text.Append(d.Field), segment.Field(n), d);
            text.Append('\r');
        }
        return text.ToString();
    }

    private static void WriteField(StringBuilder text, Hl7Field field, Hl7Delimiters d)
    {
        for (var r = 0; r < field.Repetitions.Count; r++)
        {
            if (r > 0)
                text.Append(d.Repetition);
            var components = field.Repetitions[r].Components;
            for (var c = 0; c < components.Count; c++)
            {
                if (c > 0)
                    text.Append(d.Component);
                for (var s = 0; s < components[c].Count; s++)
                {
                    if (s > 0)
                        text.Append(d.Subcomponent);
                    text.Append(Hl7Escaping.Escape(components[c][s], d));
                }
            }
        }
    }
}
