namespace Hospital.Interop.Hl7;

/// <summary>
/// The PV1 segment: patient class (PV1-2: I inpatient, O outpatient, E emergency...), where the patient is (PV1-3)
/// and was (PV1-6), the visit number (PV1-19) and the admit and discharge times (PV1-44, PV1-45).
/// </summary>
public sealed record Hl7PatientVisit(
    string PatientClass,
    Hl7PersonLocation? AssignedLocation,
    Hl7PersonLocation? PriorLocation,
    Hl7Identifier? VisitNumber,
    DateTimeOffset? AdmittedAt,
    DateTimeOffset? DischargedAt)
{
    /// <summary>The message's first PV1, or null when it has none.</summary>
    public static Hl7PatientVisit? From(Hl7Message message) =>
        message["PV1"] is { } pv1 ? Read(pv1, message.DefaultOffset) : null;

    /// <summary>Reads a PV1 segment.</summary>
    /// <exception cref="Hl7ParseException">PV1-44 or PV1-45 is not a valid date/time.</exception>
    public static Hl7PatientVisit Read(Hl7Segment pv1, TimeSpan defaultOffset = default)
    {
        Hl7SegmentReading.Expect(pv1, "PV1");
        var visit = pv1.Field(19).Repetition(1);
        return new(pv1.Value(2),
            Hl7PersonLocation.Read(pv1.Field(3).Repetition(1)),
            Hl7PersonLocation.Read(pv1.Field(6).Repetition(1)),
            visit.IsEmpty ? null : Hl7Identifier.Read(visit),
            pv1.DateTime(44, defaultOffset),
            pv1.DateTime(45, defaultOffset));
    }
}
