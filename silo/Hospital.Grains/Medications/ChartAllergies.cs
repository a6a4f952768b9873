using System.Text.Json;
using Hospital.Contracts.Clinical;

namespace Hospital.Grains.Medications;

/// <summary>
/// The patient's allergy status as the order checks need it, from the chart's allergy entries. No entry at all (or
/// only ones entered in error) means not recorded; an entry "no known allergies" (or "nka", "nkda", "no known drug
/// allergies") records that there are none; only active entries count as allergies.
/// </summary>
public static class ChartAllergies
{
    private static readonly HashSet<string> NoneKnown = new(StringComparer.OrdinalIgnoreCase)
    {
        "nka", "nkda", "no known allergies", "no known drug allergies", "none known",
    };

    /// <summary>Active allergy substances, or null when the patient's allergy status is not recorded.</summary>
    public static IReadOnlyList<string>? Active(IEnumerable<ChartEntry> entries)
    {
        var recorded = entries.Where(e => e.Section == "allergies" && !e.EnteredInError).Select(Read).ToList();
        if (recorded.Count == 0)
        {
            return null;
        }

        return [.. recorded
            .Where(a => a.Substance is { Length: > 0 } && !NoneKnown.Contains(a.Substance.Trim()))
            .Where(a => a.Status is null || a.Status.Equals("active", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Substance!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static (string? Substance, string? Status) Read(ChartEntry entry)
    {
        using var json = JsonDocument.Parse(entry.Data);
        return (Text(json.RootElement, "substance"), Text(json.RootElement, "status"));
    }

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
