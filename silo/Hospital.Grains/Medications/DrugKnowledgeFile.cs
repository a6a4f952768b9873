using Hospital.Contracts.Medications;

namespace Hospital.Grains.Medications;

/// <summary>The shape of Knowledge/drug-knowledge.json (see the README beside it).</summary>
public sealed record DrugKnowledgeFile
{
    /// <summary>Year.month.revision of the data, bumped on every change.</summary>
    public required string Version { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<KnowledgeSource> Sources { get; init; } = [];
    public IReadOnlyList<DrugClass> Classes { get; init; } = [];
    public IReadOnlyList<Drug> Drugs { get; init; } = [];
    public IReadOnlyList<CrossReactivity> CrossReactivities { get; init; } = [];
    public IReadOnlyList<Interaction> Interactions { get; init; } = [];
    public IReadOnlyList<DuplicateClass> DuplicateClasses { get; init; } = [];
}

/// <summary>A reference the data cites; an interaction's source starts with one of these ids.</summary>
public sealed record KnowledgeSource(string Id, string Title, string? Url = null);

/// <summary>A drug class. A drug in a class is also in the class's parents (penicillins are beta-lactams).</summary>
public sealed record DrugClass
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Parents { get; init; } = [];
    /// <summary>Other names an allergy may be recorded under, e.g. "penicillin", "sulfa".</summary>
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    /// <summary>
    /// An allergy to any member counts as an allergy to the whole class (an amoxicillin allergy is a penicillin
    /// allergy). Not inherited: a penicillin allergy is not a cephalosporin allergy, though both are beta-lactams.
    /// </summary>
    public bool AllergyGroup { get; init; }
}

/// <summary>One medicine as the knowledge base knows it.</summary>
public sealed record Drug
{
    /// <summary>The catalogue code: the ATC code, with "-2", "-3"... when an earlier entry has the same ATC code.</summary>
    public required string Code { get; init; }
    public required string Atc { get; init; }
    /// <summary>The generic name, lower case.</summary>
    public required string Name { get; init; }
    /// <summary>Other generic names (acetaminophen, GTN); never brand names.</summary>
    public IReadOnlyList<string> Synonyms { get; init; } = [];
    public IReadOnlyList<string> Classes { get; init; } = [];
    /// <summary>The active ingredients of a combination (co-amoxiclav: amoxicillin, clavulanic acid).</summary>
    public IReadOnlyList<string> Ingredients { get; init; } = [];
    public IReadOnlyList<DrugRoute> Routes { get; init; } = [];

    public DrugSummary Summary() => new(Code, Name, Classes, [.. Routes.Select(r => r.Route)]);
}

/// <summary>A route a drug is given by and its usual adult maximum (BNF or product label).</summary>
/// <param name="NoMaximum">Why there is no fixed maximum (titrated, weight-based), when there is none.</param>
public sealed record DrugRoute(string Route, DoseAmount? MaxDailyDose = null, DoseAmount? MaxWeeklyDose = null, string? NoMaximum = null, string? Note = null);

public sealed record DoseAmount(decimal Value, string Unit);

/// <summary>An allergy to <see cref="Allergy"/> (a class or drug) warns of a possible reaction to <see cref="Drug"/>.</summary>
public sealed record CrossReactivity(string Allergy, string Drug, WarningSeverity Severity, string Note);

/// <summary>Two drugs or classes that interact; a class side stands for every drug in it.</summary>
public sealed record Interaction(string A, string B, WarningSeverity Severity, string Mechanism, string Source);

/// <summary>Two active orders both in this class are duplicate therapy.</summary>
public sealed record DuplicateClass(string Class, WarningSeverity Severity);
