namespace Hospital.Contracts.Clinical;

public static class LabFlags
{
    /// <summary>HH/LL beyond the critical limits, H/L beyond the reference range, else N.</summary>
    public static string Flag(decimal value, decimal? low, decimal? high, decimal? criticalLow, decimal? criticalHigh) => value switch
    {
        _ when value < criticalLow => "LL",
        _ when value > criticalHigh => "HH",
        _ when value < low => "L",
        _ when value > high => "H",
        _ => "N",
    };

    public static bool IsCritical(string flag) => flag is "LL" or "HH";

    /// <summary>
    /// The more severe of the flag the ranges give and the one the laboratory reported (HL7 OBX-8, empty when none): a
    /// laboratory's critical flag stands even when the result carries no critical limits.
    /// </summary>
    public static string Combine(string computed, string? reported) => Rank(reported) > Rank(computed) ? reported! : computed;

    private static int Rank(string? flag) => flag switch
    {
        "LL" or "HH" => 2,
        "L" or "H" => 1,
        _ => 0,
    };
}
