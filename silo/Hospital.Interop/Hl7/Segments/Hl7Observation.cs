namespace Hospital.Interop.Hl7;

/// <summary>
/// The OBX segment: one result. OBX-2 is the value type (NM numeric, ST/TX text, CE/CWE coded...), OBX-3 what was
/// observed (a LOINC code when its system is LN), OBX-5 the value, OBX-6 units, OBX-7 reference range, OBX-8
/// abnormal flags (H, L, HH, LL, A...), OBX-11 status (F final, P preliminary, C corrected) and OBX-14 when.
/// </summary>
public sealed record Hl7Observation(
    string SetId,
    string ValueType,
    Hl7CodedValue Identifier,
    Hl7Field ValueField,
    string Units,
    Hl7ReferenceRange? ReferenceRange,
    IReadOnlyList<string> AbnormalFlags,
    string Status,
    DateTimeOffset? ObservedAt)
{
    /// <summary>The value type of numbers.</summary>
    public const string NumericType = "NM";

    /// <summary>OBX-5's first component: the whole value for numbers and text, the code for coded values.</summary>
    public string Value => ValueField.Value;

    /// <summary>OBX-5 as a number when OBX-2 is NM, else null.</summary>
    public decimal? NumericValue { get; init; }

    /// <summary>Every OBX of the message, in order.</summary>
    public static IReadOnlyList<Hl7Observation> AllFrom(Hl7Message message) =>
        message.All("OBX").Select(obx => Read(obx, message.DefaultOffset)).ToArray();

    /// <summary>Reads an OBX segment.</summary>
    /// <exception cref="Hl7ParseException">OBX-5 of an NM is not a number, or OBX-14 not a valid date/time.</exception>
    public static Hl7Observation Read(Hl7Segment obx, TimeSpan defaultOffset = default)
    {
        Hl7SegmentReading.Expect(obx, "OBX");
        var valueType = obx.Value(2);
        return new(obx.Value(1), valueType, Hl7CodedValue.Read(obx.Field(3).Repetition(1)), obx.Field(5),
            obx.Value(6), Hl7ReferenceRange.Parse(obx.Value(7)), obx.Values(8), obx.Value(11),
            obx.DateTime(14, defaultOffset))
        {
            NumericValue = valueType == NumericType ? obx.Number(5) : null,
        };
    }
}
