using Hospital.Contracts.Alerts;
using Hospital.Contracts.Inventory;

namespace Hospital.Grains.Inventory;

/// <summary>The alert conditions that hold for a bin as it is now: stock level, lot expiry and days of supply.</summary>
internal static class BinConditions
{
    public static List<AlertCondition> For(SupplyBin bin, DateOnly today, InventoryOptions options)
    {
        var conditions = new List<AlertCondition>();
        AlertCondition Condition(string kind, AlertSeverity severity, string message, string? detail = null) =>
            new(kind, severity, bin.LocationId, bin.Id, message, detail);

        if (bin.Status == StockStatus.Out)
        {
            conditions.Add(Condition("OutOfStock", AlertSeverity.Critical, $"{bin.Name} ({bin.Id}) at {bin.LocationId} is out of stock."));
        }
        else if (bin.Status == StockStatus.Low)
        {
            conditions.Add(Condition("LowStock", AlertSeverity.Warning,
                $"{bin.Name} ({bin.Id}) at {bin.LocationId} is at or below its reorder point of {bin.ReorderPoint} {bin.Unit}; order up to par {bin.Par}."));
        }

        foreach (var lot in bin.Lots)
        {
            var detail = $"{lot.Lot}|{lot.Expiry:yyyy-MM-dd}";
            if (lot.Expiry < today)
            {
                conditions.Add(Condition("Expired", AlertSeverity.Critical,
                    $"Lot {lot.Lot} of {bin.Name} ({bin.Id}) expired on {lot.Expiry:yyyy-MM-dd}; remove it from use.", detail));
            }
            else if (lot.Expiry <= today.AddDays(options.ExpiringWithinDays))
            {
                conditions.Add(Condition("Expiring", AlertSeverity.Warning,
                    $"Lot {lot.Lot} of {bin.Name} ({bin.Id}) expires on {lot.Expiry:yyyy-MM-dd}.", detail));
            }
        }

        if (bin.Status != StockStatus.Out && bin.DaysOfSupply is { } days && days < options.LowDaysOfSupply)
        {
            conditions.Add(Condition("LowDaysOfSupply", AlertSeverity.Warning,
                $"{bin.Name} ({bin.Id}) at {bin.LocationId} has less than {options.LowDaysOfSupply} days of supply at the current rate of use."));
        }

        return conditions;
    }
}
