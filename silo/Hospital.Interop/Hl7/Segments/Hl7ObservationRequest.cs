namespace Hospital.Interop.Hl7;

/// <summary>
/// The OBR segment: the order's placer and filler numbers (OBR-2, OBR-3, the entity id of each), what was ordered
/// (OBR-4), when it was observed (OBR-7) and the result status (OBR-25: F final, P preliminary, C corrected...).
/// </summary>
public sealed record Hl7ObservationRequest(
    string PlacerOrderNumber,
    string FillerOrderNumber,
    Hl7CodedValue UniversalService,
    DateTimeOffset? ObservedAt,
    string ResultStatus)
{
    /// <summary>Reads an OBR segment.</summary>
    /// <exception cref="Hl7ParseException">OBR-7 is not a valid date/time.</exception>
    public static Hl7ObservationRequest Read(Hl7Segment obr, TimeSpan defaultOffset = default)
    {
        Hl7SegmentReading.Expect(obr, "OBR");
        return new(obr.Value(2), obr.Value(3), Hl7CodedValue.Read(obr.Field(4).Repetition(1)),
            obr.DateTime(7, defaultOffset), obr.Value(25));
    }
}
