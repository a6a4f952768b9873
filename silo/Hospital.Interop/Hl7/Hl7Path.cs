using System.Globalization;
using System.Text.RegularExpressions;

namespace Hospital.Interop.Hl7;

/// <summary>A parsed value path such as <c>PID-3[2].1</c> or <c>OBX[2]-5.1.1</c>.</summary>
internal sealed partial record Hl7Path(string SegmentId, int Sequence, int Field, int Repetition, int Component, int Subcomponent)
{
    public static Hl7Path Parse(string path)
    {
        var m = Pattern().Match(path);
        if (!m.Success)
            throw new ArgumentException($"'{path}' is not an HL7 path like PID-3[2].1 or OBX[2]-5.", nameof(path));
        int Number(int group) => m.Groups[group].Success ? int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : 1;
        return new Hl7Path(m.Groups[1].Value, Number(2), Number(3), Number(4), Number(5), Number(6));
    }

    [GeneratedRegex(@"^([A-Z0-9]{3})(?:\[([1-9][0-9]{0,4})\])?-([1-9][0-9]{0,2})(?:\[([1-9][0-9]{0,4})\])?(?:\.([1-9][0-9]{0,2})(?:\.([1-9][0-9]{0,2}))?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
