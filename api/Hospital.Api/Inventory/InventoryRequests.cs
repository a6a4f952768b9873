using Hospital.Api.Problems;
using Hospital.Api.Wards;

namespace Hospital.Api.Inventory;

/// <summary>A new supply bin: one item at one location.</summary>
/// <param name="LocationId">The ward or store the bin is at; its alerts go to that ward.</param>
/// <param name="Par">The level to refill to.</param>
/// <param name="ReorderPoint">At or below this the bin is Low; at most par.</param>
public sealed record CreateBinRequest(string? Id, string? LocationId, string? Sku, string? Name, string? Unit, string? Category, int? Par, int? ReorderPoint)
{
    public void Validate(FieldErrors errors)
    {
        errors.RequireId("id", Id).RequireId("locationId", LocationId).RequireId("sku", Sku)
            .RequiredText("name", Name).RequiredText("unit", Unit, 50).MaxLength("category", Category, 100);
        InventoryRules.Levels(errors, Par, ReorderPoint);
    }
}

/// <param name="Mrn">The patient the units were used for (optional).</param>
public sealed record ConsumeRequest(int? Quantity, string? Mrn, string? Reason);

/// <param name="Expiry">Last day the lot may be used.</param>
public sealed record RestockRequest(int? Quantity, string? Lot, DateOnly? Expiry);

public sealed record CountedLot(string? Lot, DateOnly? Expiry, int? Quantity);

/// <summary>A physical count: every lot found in the bin, and why the count was taken.</summary>
public sealed record CycleCountRequest(IReadOnlyList<CountedLot>? Lots, string? Reason);

public sealed record TransferStockRequest(string? ToBinId, int? Quantity);

public sealed record LevelsRequest(int? Par, int? ReorderPoint);

/// <summary>A catalogue item.</summary>
public sealed record ItemRequest(string? Sku, string? Name, string? Unit, string? Category);

internal static class InventoryRules
{
    public const int MaxQuantity = Contracts.Inventory.StockLimits.MaxQuantity;

    public static FieldErrors Quantity(this FieldErrors errors, string field, int? quantity)
    {
        if (errors.Required(field, quantity))
        {
            errors.Check(quantity is > 0 and <= MaxQuantity, field, $"The {field} field must be between 1 and {MaxQuantity}.");
        }

        return errors;
    }

    public static void Levels(FieldErrors errors, int? par, int? reorderPoint)
    {
        if (errors.Required("par", par) && errors.Required("reorderPoint", reorderPoint))
        {
            errors.Check(par is >= 0 and <= MaxQuantity, "par", $"The par field must be between 0 and {MaxQuantity}.")
                .Check(reorderPoint >= 0, "reorderPoint", "The reorderPoint field must not be negative.")
                .Check(reorderPoint <= par, "reorderPoint", "The reorderPoint field must not exceed par.");
        }
    }
}
