namespace Hospital.Interop.Hl7;

/// <summary>
/// One segment: a three-character id and its fields, numbered from 1. In MSH, field 1 is the field separator and
/// field 2 the encoding characters, so MSH-3 is the first field written after <c>MSH|^~\&amp;|</c>.
/// </summary>
public sealed class Hl7Segment
{
    private readonly IReadOnlyList<Hl7Field> _fields;

    /// <summary>Builds a segment; <paramref name="fields"/>[0] is field 1.</summary>
    public Hl7Segment(string id, IReadOnlyList<Hl7Field> fields) : this(id, fields, 1) { }

    private Hl7Segment(string id, IReadOnlyList<Hl7Field> fields, int sequence)
    {
        Id = id;
        _fields = fields;
        Sequence = sequence;
    }

    /// <summary>The segment id, e.g. <c>PID</c>.</summary>
    public string Id { get; }

    /// <summary>Which occurrence of its id this segment is in its message, from 1 (the third OBX has 3).</summary>
    public int Sequence { get; }

    /// <summary>The highest field number present.</summary>
    public int FieldCount => _fields.Count;

    /// <summary>Field <paramref name="n"/>, from 1; <see cref="Hl7Field.Empty"/> when absent.</summary>
    public Hl7Field Field(int n) => n >= 1 && n <= _fields.Count ? _fields[n - 1] : Hl7Field.Empty;

    /// <summary>One value by position, every number from 1.</summary>
    public string Value(int field, int repetition = 1, int component = 1, int subcomponent = 1) =>
        Field(field).Repetition(repetition).Subcomponent(component, subcomponent);

    /// <summary>Where field <paramref name="field"/> of this segment is, for error reports.</summary>
    public Hl7ErrorLocation Location(int? field = null, int? component = null) => new(Id, Sequence, field, Component: component);

    /// <summary>Builds a segment from its fields, the first given being field 1.</summary>
    public static Hl7Segment Of(string id, params Hl7Field[] fields) => new(id, fields);

    /// <summary>Builds an MSH segment; <paramref name="fromField3"/>[0] is MSH-3.</summary>
    public static Hl7Segment Header(Hl7Delimiters delimiters, params Hl7Field[] fromField3) =>
        new("MSH", [Hl7Field.Of(delimiters.Field.ToString()), Hl7Field.Of(delimiters.EncodingCharacters), .. fromField3]);

    internal Hl7Segment WithSequence(int sequence) => sequence == Sequence ? this : new(Id, _fields, sequence);
}
