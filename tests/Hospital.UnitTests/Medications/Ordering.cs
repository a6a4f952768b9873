using Hospital.Contracts.Medications;
using Hospital.Grains.Medications;

namespace Hospital.UnitTests.Medications;

/// <summary>Runs the order checks on the shipped knowledge base with the tests' usual defaults.</summary>
internal static class Ordering
{
    private static readonly OrderChecks Checks = new(DrugKnowledge.Shipped);

    public static Drug Drug(string name) =>
        DrugKnowledge.Shipped.FindDrug(name) ?? throw new InvalidOperationException($"{name} is not in the knowledge base");

    /// <summary>Warnings for an order; no known allergies and no other orders unless given.</summary>
    public static IReadOnlyList<OrderWarning> Check(string drug, decimal dose = 1, string unit = "mg", string route = "oral",
        string frequency = "once", string[]? allergies = null, string[]? active = null, bool allergiesRecorded = true, int? prnMax = null) =>
        Checks.Check(Drug(drug), dose, unit, route, frequency,
            allergiesRecorded ? allergies ?? [] : null,
            [.. (active ?? []).Select(name => new ActiveOrder(name))], prnMax);

    public static OrderWarning Single(IReadOnlyList<OrderWarning> warnings, WarningKind kind) =>
        Assert.Single(warnings, w => w.Kind == kind);
}
