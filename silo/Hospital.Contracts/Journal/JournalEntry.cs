namespace Hospital.Contracts.Journal;

/// <summary>One fact, appended once and never changed.</summary>
/// <param name="Sequence">Position in the journal; strictly increasing.</param>
/// <param name="OccurredAt">When it happened in the hospital.</param>
/// <param name="RecordedAt">When the platform stored it.</param>
/// <param name="Kind">What happened, e.g. <c>PatientRegistered</c>.</param>
/// <param name="EntityId">What it happened to (MRN, bed id, bin id...).</param>
/// <param name="PatientId">The MRN of the patient concerned, when there is one.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Payload">Details as a JSON object.</param>
[GenerateSerializer, Immutable, Alias("hospital.journal-entry")]
public sealed record JournalEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset OccurredAt,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] string Kind,
    [property: Id(4)] string EntityId,
    [property: Id(5)] string? PatientId,
    [property: Id(6)] string Actor,
    [property: Id(7)] string Payload);

/// <summary>A fact to append; the journal assigns sequence and recorded time.</summary>
public sealed record JournalAppend(
    DateTimeOffset OccurredAt,
    string Kind,
    string EntityId,
    string? PatientId,
    string Actor,
    string Payload);

/// <summary>Filter for reading the journal; every part is optional and they combine with AND.</summary>
public sealed record JournalQuery(
    string? EntityId = null,
    string? PatientId = null,
    string? Kind = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? AfterSequence = null,
    int Limit = 500,
    string? ExcludeKind = null);
