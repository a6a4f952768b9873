namespace Hospital.Interop.Hl7;

/// <summary>
/// One order of a result message (ORU^R01): its OBR and the OBX segments that follow it, up to the next OBR.
/// Other segments between them (NTE, SPM...) are passed over.
/// </summary>
public sealed record Hl7ResultGroup(Hl7ObservationRequest Request, IReadOnlyList<Hl7Observation> Observations)
{
    /// <summary>Every order of the message with its results, in order.</summary>
    /// <exception cref="Hl7ParseException">An OBX comes before any OBR, or a field is invalid.</exception>
    public static IReadOnlyList<Hl7ResultGroup> AllFrom(Hl7Message message)
    {
        var groups = new List<Hl7ResultGroup>();
        List<Hl7Observation>? current = null;
        foreach (var segment in message.Segments)
        {
            if (segment.Id == "OBR")
            {
                current = [];
                groups.Add(new(Hl7ObservationRequest.Read(segment, message.DefaultOffset), current));
            }
            else if (segment.Id == "OBX")
            {
                if (current is null)
                    throw new Hl7ParseException(Hl7ParseFailure.SegmentOutOfOrder,
                        $"{segment.Location()} comes before any OBR.", segment.Location());
                current.Add(Hl7Observation.Read(segment, message.DefaultOffset));
            }
        }
        return groups;
    }
}
