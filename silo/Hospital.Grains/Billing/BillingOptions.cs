using Hospital.Contracts.Billing;

namespace Hospital.Grains.Billing;

/// <summary>Settings under <c>Hospital:Billing</c>.</summary>
public sealed class BillingOptions
{
    public const string Section = "Hospital:Billing";

    /// <summary>The installation's one currency (ISO 4217).</summary>
    public string Currency { get; set; } = "GBP";

    /// <summary>How often an account of a patient in hospital posts the bed-days due (a reminder; midnights missed while down are caught up).</summary>
    public TimeSpan BedDayCheckPeriod { get; set; } = TimeSpan.FromMinutes(15);

    public bool IsValid => Money.IsCurrency(Currency) && BedDayCheckPeriod >= TimeSpan.FromMinutes(1) && BedDayCheckPeriod <= TimeSpan.FromHours(6);
}
