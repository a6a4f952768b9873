namespace Hospital.Interop.Hl7;

/// <summary>
/// One field of a segment: its repetitions (most fields have one). Numbering is HL7's, from 1; an absent
/// repetition reads as <see cref="Hl7Repetition.Empty"/>.
/// </summary>
public sealed class Hl7Field
{
    /// <summary>A field with nothing in it.</summary>
    public static Hl7Field Empty { get; } = new([]);

    /// <summary>Builds a field from its repetitions.</summary>
    public Hl7Field(IReadOnlyList<Hl7Repetition> repetitions) => Repetitions = repetitions;

    /// <summary>Every repetition, in order.</summary>
    public IReadOnlyList<Hl7Repetition> Repetitions { get; }

    /// <summary>The first component of the first repetition: the whole value of a simple field.</summary>
    public string Value => Repetition(1).Value;

    /// <summary>Whether no repetition holds anything.</summary>
    public bool IsEmpty => Repetitions.All(r => r.IsEmpty);

    /// <summary>Repetition <paramref name="n"/>, from 1.</summary>
    public Hl7Repetition Repetition(int n) => n >= 1 && n <= Repetitions.Count ? Repetitions[n - 1] : Hl7Repetition.Empty;

    /// <summary>A single-valued field; empty text gives an empty field.</summary>
    public static Hl7Field Of(string text) => text.Length == 0 ? Empty : new([Hl7Repetition.Of(text)]);

    /// <summary>A field with one repetition made of these components.</summary>
    public static Hl7Field OfComponents(params string[] components) => new([Hl7Repetition.Of(components)]);

    /// <summary>A field made of these repetitions.</summary>
    public static Hl7Field OfRepetitions(params Hl7Repetition[] repetitions) => new(repetitions);
}
