namespace Hospital.Interop.Hl7;

/// <summary>
/// Original-mode acknowledgements: <c>MSH</c> with sender and receiver swapped, <c>MSA|code|inbound MSH-10|text</c>,
/// and one v2.5-style <c>ERR</c> per error (ERR-2 location, ERR-3 table 0357 code, ERR-4 severity E, ERR-8 text).
/// Always written with the default separators <c>|^~\&amp;</c>; texts are escaped by the writer.
/// </summary>
public static class Hl7Ack
{
    // MSA-3 is 80 characters in v2.5 and ERR-8 250; strict receivers reject longer values.
    private const int MaxMsaText = 80;
    private const int MaxUserMessage = 250;

    /// <summary>An AA: the message was processed.</summary>
    public static Hl7Message Accept(Hl7AckSource source, string controlId, DateTimeOffset now) =>
        Build(source, Hl7AckCode.AA, controlId, now);

    /// <summary>The AR or AE a failed parse calls for, with its ERR.</summary>
    public static Hl7Message ForFailure(Hl7AckSource source, Hl7ParseException failure, string controlId, DateTimeOffset now) =>
        Build(source, failure.AckCode, controlId, now, failure.Message, [Hl7AckError.From(failure)]);

    /// <summary>Builds an acknowledgement.</summary>
    /// <param name="source">What the inbound message said about itself (possibly only part of its MSH).</param>
    /// <param name="controlId">MSH-10 of the ack itself, new for every ack.</param>
    /// <param name="now">MSH-7.</param>
    /// <param name="text">MSA-3, for AE and AR.</param>
    /// <param name="errors">One ERR segment each.</param>
    public static Hl7Message Build(Hl7AckSource source, Hl7AckCode code, string controlId, DateTimeOffset now,
        string? text = null, IReadOnlyList<Hl7AckError>? errors = null)
    {
        var d = Hl7Delimiters.Default;
        var segments = new List<Hl7Segment> { Header(source, controlId, now, d) };
        var msa = new List<Hl7Field> { Hl7Field.Of(code.ToString()), Hl7Field.Of(source.ControlId) };
        if (!string.IsNullOrEmpty(text))
            msa.Add(Hl7Field.Of(Cut(text, MaxMsaText)));
        segments.Add(new Hl7Segment("MSA", msa));
        foreach (var error in errors ?? [])
            segments.Add(Err(error));
        return new Hl7Message(d, segments);
    }

    private static Hl7Segment Header(Hl7AckSource source, string controlId, DateTimeOffset now, Hl7Delimiters d)
    {
        var type = source.Trigger.Length == 0 ? Hl7Field.Of("ACK") : Hl7Field.OfComponents("ACK", source.Trigger, "ACK");
        return Hl7Segment.Header(d,
            source.ReceivingApplication, source.ReceivingFacility, source.SendingApplication, source.SendingFacility,
            Hl7Field.Of(Hl7DateTime.Format(now)), Hl7Field.Empty, type, Hl7Field.Of(controlId),
            Hl7Field.Of(source.ProcessingId.Length == 0 ? "P" : source.ProcessingId),
            Hl7Field.Of(source.Version.Length == 0 ? Hl7AckSource.FallbackVersion : source.Version));
    }

    private static Hl7Segment Err(Hl7AckError error)
    {
        var location = error.Location is { } l ? Hl7Field.OfRepetitions(l.ToErl()) : Hl7Field.Empty;
        var code = Hl7Field.OfComponents(((int)error.Code).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Code.Text(), "HL70357");
        var empty = Hl7Field.Empty;
        return Hl7Segment.Of("ERR", empty, location, code, Hl7Field.Of("E"), empty, empty, empty, Hl7Field.Of(Cut(error.UserMessage, MaxUserMessage)));
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
