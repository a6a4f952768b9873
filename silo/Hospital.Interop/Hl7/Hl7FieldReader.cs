using System.Text;

namespace Hospital.Interop.Hl7;

/// <summary>Splits one field as written into repetitions, components and subcomponents, unescaping each.</summary>
internal static class Hl7FieldReader
{
    public static Hl7Field Read(string raw, Hl7Delimiters d, Encoding encoding)
    {
        if (raw.Length == 0)
            return Hl7Field.Empty;
        var repetitions = raw.Split(d.Repetition);
        var read = new Hl7Repetition[repetitions.Length];
        for (var r = 0; r < repetitions.Length; r++)
        {
            var components = repetitions[r].Split(d.Component);
            var parts = new IReadOnlyList<string>[components.Length];
            for (var c = 0; c < components.Length; c++)
                parts[c] = components[c].Split(d.Subcomponent).Select(s => Hl7Escaping.Unescape(s, d, encoding)).ToArray();
            read[r] = new Hl7Repetition(parts);
        }
        return new Hl7Field(read);
    }
}
