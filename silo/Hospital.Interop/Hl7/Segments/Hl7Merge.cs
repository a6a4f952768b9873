namespace Hospital.Interop.Hl7;

/// <summary>The MRG segment of a merge (ADT^A40): the identifiers the patient had before (MRG-1).</summary>
public sealed record Hl7Merge(IReadOnlyList<Hl7Identifier> PriorIdentifiers)
{
    /// <summary>The prior identifier with type code MR, or null.</summary>
    public Hl7Identifier? PriorMedicalRecordNumber => PriorIdentifiers.FirstOrDefault(i => i.IsMedicalRecordNumber);

    /// <summary>The message's first MRG, or null when it has none.</summary>
    public static Hl7Merge? From(Hl7Message message) => message["MRG"] is { } mrg ? Read(mrg) : null;

    /// <summary>Reads an MRG segment.</summary>
    public static Hl7Merge Read(Hl7Segment mrg)
    {
        Hl7SegmentReading.Expect(mrg, "MRG");
        return new(mrg.Identifiers(1));
    }
}
