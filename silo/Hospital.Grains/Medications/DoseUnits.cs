namespace Hospital.Grains.Medications;

/// <summary>The spellings of dose units and routes an order may use, reduced to the ones the data file uses.</summary>
public static class DoseUnits
{
    // Milligrams per unit for the mass units; everything else compares only with itself.
    private static readonly Dictionary<string, decimal> Mass = new(StringComparer.OrdinalIgnoreCase)
    {
        ["g"] = 1000m, ["mg"] = 1m, ["microgram"] = 0.001m, ["ng"] = 0.000001m,
    };

    private static readonly Dictionary<string, string> UnitAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gram"] = "g", ["grams"] = "g", ["gm"] = "g",
        ["milligram"] = "mg", ["milligrams"] = "mg",
        ["micrograms"] = "microgram", ["mcg"] = "microgram", ["ug"] = "microgram", ["µg"] = "microgram", ["μg"] = "microgram",
        ["nanogram"] = "ng", ["nanograms"] = "ng",
        // International units and "units" are the same quantity; UK practice writes "units" in full.
        ["unit"] = "units", ["iu"] = "units", ["international units"] = "units",
        ["millimole"] = "mmol", ["millimoles"] = "mmol",
        ["millilitre"] = "ml", ["millilitres"] = "ml", ["milliliter"] = "ml", ["milliliters"] = "ml",
        ["tablets"] = "tablet", ["tab"] = "tablet", ["tabs"] = "tablet",
        ["sachets"] = "sachet", ["patches"] = "patch",
    };

    private static readonly Dictionary<string, string> RouteAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["po"] = "oral", ["by mouth"] = "oral", ["enteral"] = "oral", ["ng tube"] = "oral",
        ["intravenous"] = "iv", ["ivi"] = "iv",
        ["intramuscular"] = "im",
        ["subcutaneous"] = "sc", ["subcut"] = "sc", ["sq"] = "sc", ["csci"] = "sc",
        ["inh"] = "inhaled", ["inhalation"] = "inhaled",
        ["neb"] = "nebulised", ["nebulized"] = "nebulised", ["nebuliser"] = "nebulised",
        ["pr"] = "rectal", ["sl"] = "sublingual", ["td"] = "transdermal", ["patch"] = "transdermal",
        ["top"] = "topical", ["nasal"] = "intranasal", ["local infiltration"] = "infiltration",
    };

    public static string Unit(string unit) => Canonical(unit, UnitAliases);

    public static string Route(string route) => Canonical(route, RouteAliases);

    /// <summary>The amount in another unit, or null when the two cannot be compared (mg and ml, units and mg).</summary>
    public static decimal? Convert(decimal amount, string from, string to)
    {
        var (source, target) = (Unit(from), Unit(to));
        if (source == target) return amount;
        return Mass.TryGetValue(source, out var sourceMg) && Mass.TryGetValue(target, out var targetMg)
            ? amount * sourceMg / targetMg
            : null;
    }

    private static string Canonical(string text, Dictionary<string, string> aliases)
    {
        var key = text.Trim().ToLowerInvariant();
        return aliases.GetValueOrDefault(key, key);
    }
}
