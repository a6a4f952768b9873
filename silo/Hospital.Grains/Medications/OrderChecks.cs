using Hospital.Contracts.Medications;

namespace Hospital.Grains.Medications;

/// <summary>Another order the patient has running, by catalogue code or generic name.</summary>
public sealed record ActiveOrder(string Drug);

/// <summary>
/// The checks run when a drug is ordered: allergy (the drug, its ingredients and classes), cross-reactivity,
/// interactions and duplicate therapy against the patient's other active orders, and the daily dose against the
/// usual maximum. Pure: the same order, allergies and active orders always give the same warnings.
/// </summary>
public sealed class OrderChecks(DrugKnowledge knowledge)
{
    public const string AllergiesNotRecorded = "allergies not recorded";

    private readonly DoseCheck doses = new();

    /// <summary>Warnings for an order, most severe first.</summary>
    /// <param name="allergies">The patient's active allergy substances; null when allergy status is not recorded
    /// (an empty list means no known allergies).</param>
    /// <param name="activeOrders">Other active orders; ones naming a drug the knowledge base lacks are skipped.</param>
    /// <param name="prnMaxDosesPerDay">For a "prn" order, its stated maximum doses in 24 hours; four if not stated.</param>
    public IReadOnlyList<OrderWarning> Check(Drug drug, decimal dose, string unit, string route, string frequency,
        IReadOnlyList<string>? allergies, IReadOnlyList<ActiveOrder> activeOrders, int? prnMaxDosesPerDay = null)
    {
        var ordered = knowledge.FactsOf(drug);
        var others = activeOrders
            .Select(order => knowledge.FindDrug(order.Drug))
            .OfType<Drug>()
            .Select(knowledge.FactsOf)
            .ToList();
        IEnumerable<OrderWarning> warnings =
        [
            .. allergies is null
                ? [new OrderWarning(WarningKind.Allergy, WarningSeverity.minor, AllergiesNotRecorded)]
                : allergies.Select(substance => Allergy(ordered, substance)).OfType<OrderWarning>(),
            .. others.Select(other => Interaction(ordered, other)).OfType<OrderWarning>(),
            .. others.Select(other => Duplicate(ordered, other)).OfType<OrderWarning>(),
            .. doses.Check(drug, dose, unit, route, frequency, prnMaxDosesPerDay),
        ];
        return [.. warnings.OrderByDescending(w => w.Severity)];
    }

    private OrderWarning? Allergy(DrugFacts ordered, string substance)
    {
        var allergen = knowledge.ResolveAllergy(substance);
        var name = ordered.Drug.Name;
        if (ordered.Ingredients.FirstOrDefault(allergen.Drugs.Contains) is { } ingredient)
            return new(WarningKind.Allergy, WarningSeverity.contraindicated,
                ingredient.Equals(name, StringComparison.OrdinalIgnoreCase)
                    ? $"allergy to {substance}: do not give {name}"
                    : $"allergy to {substance}: {name} contains {ingredient}", substance);
        if (ordered.Classes.FirstOrDefault(allergen.Classes.Contains) is { } classId)
            return new(WarningKind.Allergy, WarningSeverity.contraindicated,
                $"allergy to {substance}: {name} is one of the {ClassName(classId)}", substance);
        var cross = knowledge.File.CrossReactivities
            .Where(rule => allergen.CrossReactsFrom.Contains(rule.Allergy) && ordered.Matches(rule.Drug))
            .MaxBy(rule => rule.Severity);
        return cross is null ? null : new(WarningKind.Allergy, cross.Severity,
            $"allergy to {substance}: possible cross-reactivity with {name} ({cross.Note})", substance);
    }

    private OrderWarning? Interaction(DrugFacts ordered, DrugFacts other)
    {
        // Two orders of the same drug are duplicate therapy, not an interaction (a class-wide rule such as
        // QT-prolonging x QT-prolonging would otherwise pair a drug with itself).
        if (ordered.Drug.Code == other.Drug.Code) return null;
        var rule = knowledge.File.Interactions
            .Where(r => (ordered.Matches(r.A) && other.Matches(r.B)) || (ordered.Matches(r.B) && other.Matches(r.A)))
            .OrderByDescending(r => r.Severity)
            .ThenByDescending(r => (knowledge.FindDrug(r.A) is null ? 0 : 1) + (knowledge.FindDrug(r.B) is null ? 0 : 1))
            .FirstOrDefault();
        return rule is null ? null : new(WarningKind.Interaction, rule.Severity,
            $"{ordered.Drug.Name} and {other.Drug.Name}: {rule.Mechanism} ({rule.Source})", other.Drug.Name);
    }

    private OrderWarning? Duplicate(DrugFacts ordered, DrugFacts other)
    {
        var shared = ordered.Ingredients.FirstOrDefault(other.Ingredients.Contains);
        var sameIngredient = shared is null ? null : new OrderWarning(WarningKind.Duplicate, WarningSeverity.moderate,
            $"{other.Drug.Name} is already ordered and also contains {shared}", other.Drug.Name);
        var sameClass = knowledge.File.DuplicateClasses
            .Where(d => ordered.Classes.Contains(d.Class) && other.Classes.Contains(d.Class))
            .MaxBy(d => d.Severity);
        var byClass = sameClass is null ? null : new OrderWarning(WarningKind.Duplicate, sameClass.Severity,
            $"{ordered.Drug.Name} and {other.Drug.Name} are both {ClassName(sameClass.Class)}: duplicate therapy", other.Drug.Name);
        return (sameIngredient, byClass) switch
        {
            ({ } a, { } b) => b.Severity > a.Severity ? b : a,
            _ => sameIngredient ?? byClass,
        };
    }

    /// <summary>The class's name as it reads mid-sentence: "penicillins", but "ACE inhibitors".</summary>
    private string ClassName(string classId) => knowledge.FindClass(classId)?.Name switch
    {
        null => classId,
        [var first, var second, ..] name when char.IsLower(second) => char.ToLowerInvariant(first) + name[1..],
        var name => name,
    };
}
