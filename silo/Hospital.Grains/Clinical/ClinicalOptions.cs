namespace Hospital.Grains.Clinical;

/// <summary>Settings under <c>Hospital:Clinical</c>.</summary>
public sealed class ClinicalOptions
{
    public const string Section = "Hospital:Clinical";

    /// <summary>How often an admitted patient's chart checks whether observations are overdue (a reminder).</summary>
    public TimeSpan ObservationCheckPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Vital-signs sets and lab results kept in the chart grain; all of them stay in the journal.</summary>
    public int RecentKept { get; set; } = 100;
}
