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
}
