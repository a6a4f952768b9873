namespace Hospital.Contracts.Medications;

/// <summary>
/// How often a dose is given: its code on the order, doses a day and a week, and the ward's administration times
/// (the drug-round times the medication administration record schedules).
/// </summary>
/// <param name="DosesPerDay">Null for "prn": how often is decided at the bedside.</param>
/// <param name="Times">Empty when nothing is scheduled: "once" is given when ordered, "prn" when required.</param>
public sealed record DoseFrequency(string Code, string Description, decimal? DosesPerDay, decimal? DosesPerWeek, IReadOnlyList<TimeOnly> Times)
{
    public static DoseFrequency Daily { get; } = new("daily", "once a day", 1, 7, [At(8)]);
    public static DoseFrequency Bd { get; } = new("bd", "twice a day", 2, 14, [At(8), At(20)]);
    public static DoseFrequency Tds { get; } = new("tds", "three times a day", 3, 21, [At(8), At(14), At(22)]);
    public static DoseFrequency Qds { get; } = new("qds", "four times a day", 4, 28, [At(8), At(12), At(16), At(20)]);
    public static DoseFrequency Q4h { get; } = new("q4h", "every 4 hours", 6, 42, [At(2), At(6), At(10), At(14), At(18), At(22)]);
    public static DoseFrequency Q6h { get; } = new("q6h", "every 6 hours", 4, 28, [At(0), At(6), At(12), At(18)]);
    public static DoseFrequency Q8h { get; } = new("q8h", "every 8 hours", 3, 21, [At(6), At(14), At(22)]);
    public static DoseFrequency Q12h { get; } = new("q12h", "every 12 hours", 2, 14, [At(8), At(20)]);

    /// <summary>Once a week, at 08:00 on the weekday of the first dose.</summary>
    public static DoseFrequency Weekly { get; } = new("weekly", "once a week", 1m / 7, 1, [At(8)]);

    /// <summary>A single dose; for dose checks it counts as the whole of a day's and a week's dose.</summary>
    public static DoseFrequency Once { get; } = new("once", "a single dose", 1, 1, []);
    public static DoseFrequency Prn { get; } = new("prn", "when required", null, null, []);

    public static IReadOnlyList<DoseFrequency> All { get; } = [Daily, Bd, Tds, Qds, Q4h, Q6h, Q8h, Q12h, Weekly, Once, Prn];

    /// <summary>The frequency with this code (case-insensitive), or null.</summary>
    public static DoseFrequency? Find(string? code) =>
        All.FirstOrDefault(f => string.Equals(f.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static TimeOnly At(int hour) => new(hour, 0);
}
