namespace Hospital.Interop.Hl7;

/// <summary>
/// The PID segment: the patient's identifiers (PID-3), name (first PID-5 repetition), birth date (PID-7) and
/// sex (PID-8). The platform's patient is the PID-3 repetition whose type code is MR.
/// </summary>
public sealed record Hl7PatientIdentification(
    IReadOnlyList<Hl7Identifier> Identifiers,
    Hl7PersonName? Name,
    DateOnly? BirthDate,
    AdministrativeSex Sex)
{
    /// <summary>The first identifier with type code MR, or null.</summary>
    public Hl7Identifier? MedicalRecordNumber => Identifiers.FirstOrDefault(i => i.IsMedicalRecordNumber);

    /// <summary>The message's first PID, or null when it has none.</summary>
    public static Hl7PatientIdentification? From(Hl7Message message) =>
        message["PID"] is { } pid ? Read(pid, message.DefaultOffset) : null;

    /// <summary>Reads a PID segment.</summary>
    /// <exception cref="Hl7ParseException">PID-7 is not a date or PID-8 not a sex code.</exception>
    public static Hl7PatientIdentification Read(Hl7Segment pid, TimeSpan defaultOffset = default)
    {
        Hl7SegmentReading.Expect(pid, "PID");
        // A birth date is the calendar date the sender wrote, whatever offset came with it.
        var born = pid.DateTime(7, defaultOffset);
        return new(pid.Identifiers(3), Hl7PersonName.Read(pid.Field(5).Repetition(1)),
            born is { } b ? DateOnly.FromDateTime(b.DateTime) : null,
            Hl7Sex.Read(pid.Value(8), pid.Location(8)));
    }
}
