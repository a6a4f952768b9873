namespace Hospital.Interop.Hl7;

/// <summary>A patient location (PL): point of care (the ward), room and bed, e.g. <c>4WEST^401^B</c>.</summary>
public sealed record Hl7PersonLocation(string PointOfCare, string Room, string Bed)
{
    /// <summary>Reads one PL repetition; null when it is empty.</summary>
    public static Hl7PersonLocation? Read(Hl7Repetition pl) =>
        pl.IsEmpty ? null : new(pl.Component(1), pl.Component(2), pl.Component(3));
}
