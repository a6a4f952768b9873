namespace Hospital.Interop.Hl7;

/// <summary>
/// One repetition of a field: its components, each a list of subcomponents, all already unescaped. Numbering is
/// HL7's, from 1; asking for a part that is not there gives an empty string, as HL7 treats absent and empty alike.
/// </summary>
public sealed class Hl7Repetition
{
    private static readonly IReadOnlyList<string> NoSubcomponents = [""];

    /// <summary>A repetition with nothing in it.</summary>
    public static Hl7Repetition Empty { get; } = new([]);

    /// <summary>Builds a repetition from its components, subcomponents given per component.</summary>
    public Hl7Repetition(IReadOnlyList<IReadOnlyList<string>> components) => Components = components;

    /// <summary>The components, each a list of its subcomponents.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Components { get; }

    /// <summary>The first subcomponent of the first component: the whole value of a simple field.</summary>
    public string Value => Component(1);

    /// <summary>Whether every component is empty.</summary>
    public bool IsEmpty => Components.All(c => c.All(s => s.Length == 0));

    /// <summary>Component <paramref name="n"/> (from 1); its first subcomponent when it has several.</summary>
    public string Component(int n) => Subcomponent(n, 1);

    /// <summary>Subcomponent <paramref name="sub"/> of component <paramref name="component"/>, both from 1.</summary>
    public string Subcomponent(int component, int sub)
    {
        var subs = component >= 1 && component <= Components.Count ? Components[component - 1] : NoSubcomponents;
        return sub >= 1 && sub <= subs.Count ? subs[sub - 1] : "";
    }

    /// <summary>A repetition of plain components without subcomponents.</summary>
    public static Hl7Repetition Of(params string[] components) =>
        new(components.Select(c => (IReadOnlyList<string>)[c]).ToArray());
}
