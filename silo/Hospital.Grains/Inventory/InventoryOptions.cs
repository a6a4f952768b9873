namespace Hospital.Grains.Inventory;

/// <summary>Settings under <c>Hospital:Inventory</c>.</summary>
public sealed class InventoryOptions
{
    public const string Section = "Hospital:Inventory";

    /// <summary>A lot expiring within this many days raises an Expiring alert.</summary>
    public int ExpiringWithinDays { get; set; } = 30;

    /// <summary>Fewer days of supply than this (at the current rate of use) raises LowDaysOfSupply.</summary>
    public double LowDaysOfSupply { get; set; } = 3;

    /// <summary>How often every stocked bin re-checks expiry, by a reminder that survives restarts.</summary>
    public TimeSpan ExpiryCheckPeriod { get; set; } = TimeSpan.FromMinutes(15);
}
