namespace Hospital.Interop.Hl7;

/// <summary>A coded element (CE/CWE): code, text and coding system, e.g. <c>2823-3^Potassium^LN</c>.</summary>
public sealed record Hl7CodedValue(string Code, string Text, string System)
{
    /// <summary>The coding system id HL7 uses for LOINC.</summary>
    public const string LoincSystem = "LN";

    /// <summary>Whether the code is a LOINC code.</summary>
    public bool IsLoinc => System == LoincSystem;

    /// <summary>Reads the first three components of a repetition.</summary>
    public static Hl7CodedValue Read(Hl7Repetition ce) => new(ce.Component(1), ce.Component(2), ce.Component(3));
}
