using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hospital.Grains.Medications;

/// <summary>
/// The drug knowledge base shipped in this assembly (Knowledge/drug-knowledge.json), indexed once: drugs by code,
/// name and synonym; classes with their parents; and what a recorded allergy substance stands for.
/// Lookups ignore case. Immutable after loading, so one instance serves every grain.
/// </summary>
public sealed class DrugKnowledge
{
    public const string ResourceName = "Hospital.Grains.Medications.Knowledge.drug-knowledge.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly Lazy<DrugKnowledge> shipped = new(LoadShipped);

    private readonly Dictionary<string, Drug> drugs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DrugClass> classes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DrugFacts> facts = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> ingredients = new(StringComparer.OrdinalIgnoreCase);

    private DrugKnowledge(DrugKnowledgeFile file)
    {
        File = file;
        foreach (var drug in file.Drugs)
            foreach (var key in (string[])[drug.Code, drug.Name, .. drug.Synonyms])
                drugs.TryAdd(key.Trim(), drug);
        foreach (var drugClass in file.Classes)
            foreach (var key in (string[])[drugClass.Id, drugClass.Name, .. drugClass.Synonyms])
                classes.TryAdd(key.Trim(), drugClass);
        foreach (var drug in file.Drugs)
        {
            facts[drug.Code] = Describe(drug);
            ingredients.UnionWith(drug.Ingredients);
        }
    }

    /// <summary>The knowledge base embedded in Hospital.Grains, loaded on first use.</summary>
    public static DrugKnowledge Shipped => shipped.Value;

    public static DrugKnowledge Load(Stream json) =>
        new(JsonSerializer.Deserialize<DrugKnowledgeFile>(json, Json) ?? throw new InvalidDataException("The drug knowledge file is empty."));

    /// <summary>The data as loaded, for the catalogue and the data file's own tests.</summary>
    public DrugKnowledgeFile File { get; }

    public string Version => File.Version;

    public IReadOnlyList<Drug> Drugs => File.Drugs;

    /// <summary>The drug with this catalogue code, generic name or synonym, or null.</summary>
    public Drug? FindDrug(string codeOrName) => drugs.GetValueOrDefault(codeOrName.Trim());

    /// <summary>The class with this id, name or synonym, or null.</summary>
    public DrugClass? FindClass(string idOrName) => classes.GetValueOrDefault(idOrName.Trim());

    /// <summary>
    /// Drugs whose name, synonym or code matches: names starting with the text first, then synonyms starting with
    /// it, then names and synonyms containing it, then codes starting with it (an ATC prefix such as "J01C" lists
    /// a group). Blank text lists the catalogue alphabetically.
    /// </summary>
    public IReadOnlyList<Drug> Search(string? text, int limit)
    {
        var term = text?.Trim() ?? "";
        return [.. File.Drugs
            .Select(drug => (drug, rank: Rank(drug, term)))
            .Where(match => match.rank < int.MaxValue)
            .OrderBy(match => match.rank).ThenBy(match => match.drug.Name, StringComparer.Ordinal)
            .Take(Math.Max(0, limit))
            .Select(match => match.drug)];
    }

    /// <summary>The drug's classes, their parents, and the classes of its ingredients that are drugs themselves.</summary>
    public IReadOnlySet<string> ClassesOf(Drug drug) => FactsOf(drug).Classes;

    /// <summary>The drug's own name and its ingredients' names, lower case.</summary>
    public IReadOnlySet<string> IngredientsOf(Drug drug) => FactsOf(drug).Ingredients;

    /// <summary>A class and all of its parents.</summary>
    public IReadOnlySet<string> WithParents(string classId)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        AddWithParents(classId, found);
        return found;
    }

    /// <summary>
    /// What a recorded allergy substance stands for: a drug (and its ingredients, and the allergy groups it is
    /// in), a class, or otherwise an ingredient by name ("iodine", "clavulanic acid").
    /// </summary>
    public Allergen ResolveAllergy(string substance)
    {
        var name = substance.Trim();
        if (FindDrug(name) is { } drug)
        {
            var drugFacts = FactsOf(drug);
            var groups = drugFacts.Classes.Where(id => classes.TryGetValue(id, out var c) && c.AllergyGroup);
            return new(substance, drugFacts.Ingredients, Set(groups), Set(drugFacts.Classes.Concat(drugFacts.Ingredients)));
        }
        if (FindClass(name) is { } drugClass)
            return new(substance, Set([]), Set([drugClass.Id]), Set(WithChildren(drugClass.Id)));
        return new(substance, Set([name.ToLowerInvariant()]), Set([]), Set([]));
    }

    /// <summary>Whether the substance names a drug, a class or an ingredient the knowledge base knows.</summary>
    public bool KnowsSubstance(string substance) =>
        FindDrug(substance) is not null || FindClass(substance) is not null || ingredients.Contains(substance.Trim());

    internal DrugFacts FactsOf(Drug drug) => facts.TryGetValue(drug.Code, out var known) && ReferenceEquals(known.Drug, drug) ? known : Describe(drug);

    private DrugFacts Describe(Drug drug)
    {
        var classIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { drug.Name };
        foreach (var id in drug.Classes) AddWithParents(id, classIds);
        foreach (var ingredient in drug.Ingredients)
        {
            names.Add(ingredient.ToLowerInvariant());
            // An ingredient that is itself a catalogue drug brings its classes: co-amoxiclav is a penicillin
            // because amoxicillin is, co-codamol an opioid because codeine is.
            if (FindDrug(ingredient) is { } single && single != drug)
                foreach (var id in single.Classes) AddWithParents(id, classIds);
        }
        return new(drug, classIds, names);
    }

    private void AddWithParents(string classId, HashSet<string> found)
    {
        if (!found.Add(classId) || !classes.TryGetValue(classId, out var drugClass)) return;
        foreach (var parent in drugClass.Parents) AddWithParents(parent, found);
    }

    private IEnumerable<string> WithChildren(string classId) =>
        File.Classes.Where(c => WithParents(c.Id).Contains(classId)).Select(c => c.Id);

    private static int Rank(Drug drug, string term)
    {
        if (term.Length == 0) return 0;
        bool Starts(string s) => s.StartsWith(term, StringComparison.OrdinalIgnoreCase);
        bool Contains(string s) => s.Contains(term, StringComparison.OrdinalIgnoreCase);
        if (Starts(drug.Name)) return 0;
        if (drug.Synonyms.Any(Starts)) return 1;
        if (Contains(drug.Name) || drug.Synonyms.Any(Contains)) return 2;
        return Starts(drug.Code) ? 3 : int.MaxValue;
    }

    private static HashSet<string> Set(IEnumerable<string> items) => new(items, StringComparer.OrdinalIgnoreCase);

    private static DrugKnowledge LoadShipped()
    {
        using var stream = typeof(DrugKnowledge).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from Hospital.Grains.");
        return Load(stream);
    }
}

/// <summary>What a recorded allergy substance stands for.</summary>
/// <param name="Drugs">Drug and ingredient names: an order that is or contains one of them is contraindicated.</param>
/// <param name="Classes">Classes whose members are contraindicated.</param>
/// <param name="CrossReactsFrom">The classes and names cross-reactivity rules are looked up by.</param>
public sealed record Allergen(string Substance, IReadOnlySet<string> Drugs, IReadOnlySet<string> Classes, IReadOnlySet<string> CrossReactsFrom);

/// <summary>A drug with its class closure and ingredient names worked out once.</summary>
internal sealed record DrugFacts(Drug Drug, IReadOnlySet<string> Classes, IReadOnlySet<string> Ingredients)
{
    /// <summary>Whether an interaction or cross-reactivity side (a drug name or class id) names this drug.</summary>
    public bool Matches(string side) => Ingredients.Contains(side) || Classes.Contains(side);
}
