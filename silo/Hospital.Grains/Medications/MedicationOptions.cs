namespace Hospital.Grains.Medications;

/// <summary>Settings under <c>Hospital:Medications</c>.</summary>
public sealed class MedicationOptions
{
    public const string Section = "Hospital:Medications";

    public static readonly TimeSpan MinOverdueAfter = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxOverdueAfter = TimeSpan.FromHours(24);

    /// <summary>How long after its due time a dose may go unrecorded before MedicationOverdue is raised.</summary>
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a patient with scheduled doses checks for overdue ones and extends the schedule (a reminder).</summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary><c>Hospital:TimeZone</c>: the IANA zone of the ward clocks, which drug rounds follow.</summary>
public sealed class HospitalZoneOptions
{
    public const string Section = "Hospital";

    public string TimeZone { get; set; } = "Europe/London";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool IsValid => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);
}
