using System.Globalization;
using Hospital.Contracts.Medications;

namespace Hospital.Grains.Medications;

/// <summary>
/// Compares an order's dose over a day (and over a week, for weekly maxima) with the drug's usual maximum for the
/// route. Over the maximum is major. No warning when the route has no stated maximum, the frequency is unknown,
/// or the units cannot be compared.
/// </summary>
internal sealed class DoseCheck
{
    /// <summary>
    /// A "prn" order with no stated maximum is counted as four doses a day: the usual "up to four times a day" of
    /// the BNF, so that paracetamol 1 g prn passes and 1.5 g prn does not.
    /// </summary>
    public const int AssumedPrnDosesPerDay = 4;

    public IEnumerable<OrderWarning> Check(Drug drug, decimal dose, string unit, string route, string frequency, int? prnMaxDosesPerDay)
    {
        var routeName = DoseUnits.Route(route);
        var limits = drug.Routes.FirstOrDefault(r => DoseUnits.Route(r.Route) == routeName);
        if (limits is null || dose <= 0 || DoseFrequency.Find(frequency) is not { } often) yield break;
        var prnDoses = (decimal)Math.Max(1, prnMaxDosesPerDay ?? AssumedPrnDosesPerDay);
        var perDay = often.DosesPerDay ?? prnDoses;
        var perWeek = often.DosesPerWeek ?? prnDoses * 7;
        if (Over(dose * perDay, unit, limits.MaxDailyDose) is { } daily)
            yield return Warning(drug, routeName, "a day", daily, limits.MaxDailyDose!, unit);
        if (Over(dose * perWeek, unit, limits.MaxWeeklyDose) is { } weekly)
            yield return Warning(drug, routeName, "a week", weekly, limits.MaxWeeklyDose!, unit);
    }

    /// <summary>The amount, in the order's unit, when it is over the maximum.</summary>
    private static decimal? Over(decimal amount, string unit, DoseAmount? maximum) =>
        maximum is not null && DoseUnits.Convert(amount, unit, maximum.Unit) is { } converted && converted > maximum.Value
            ? amount
            : null;

    private static OrderWarning Warning(Drug drug, string route, string period, decimal amount, DoseAmount maximum, string unit) =>
        new(WarningKind.Dose, WarningSeverity.major,
            $"{drug.Name} {Format(amount)} {DoseUnits.Unit(unit)} {period} ({route}) is over the usual maximum of {Format(maximum.Value)} {maximum.Unit} {period}");

    private static string Format(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
