using Hospital.Contracts.Errors;
using Hospital.Contracts.Inventory;

namespace Hospital.Grains.Inventory;

/// <summary>How units are taken from and added to a bin's lots, and the bounds every movement keeps.</summary>
internal static class StockLots
{
    /// <summary>Usable lots for <paramref name="quantity"/> units; 409 when the bin does not have that many usable.</summary>
    public static (List<StockLot> Taken, List<StockLot> Left) TakeUsable(SupplyBin bin, int quantity, string verb, DateOnly today)
    {
        CheckQuantity(quantity);
        var usable = Usable(bin.Lots, today);
        if (quantity > usable)
        {
            var expired = bin.OnHand - usable;
            throw HospitalException.Conflict("Not enough stock",
                $"Cannot {verb} {quantity} {bin.Unit}: {usable} usable in bin '{bin.Id}'" + (expired > 0 ? $" ({expired} more expired)." : "."));
        }

        return Take(bin.Lots, quantity, today);
    }

    public static void CheckQuantity(int quantity)
    {
        if (quantity is < 1 or > StockLimits.MaxOnHand)
        {
            throw HospitalException.Invalid("quantity", $"The quantity must be between 1 and {StockLimits.MaxOnHand}.");
        }
    }

    public static void CheckLevels(int par, int reorderPoint)
    {
        if (par is < 0 or > StockLimits.MaxOnHand || reorderPoint < 0 || reorderPoint > par)
        {
            throw HospitalException.Invalid("reorderPoint", $"Par must be between 0 and {StockLimits.MaxOnHand} and the reorder point between 0 and par.");
        }
    }

    /// <summary>Units usable today (expired lots are never handed out).</summary>
    public static int Usable(IEnumerable<StockLot> lots, DateOnly today) => lots.Where(l => l.Expiry >= today).Sum(l => l.Quantity);

    /// <summary>Usable lots, earliest expiry first, until <paramref name="quantity"/> is covered (the caller has checked it can be).</summary>
    private static (List<StockLot> Taken, List<StockLot> Left) Take(IEnumerable<StockLot> lots, int quantity, DateOnly today)
    {
        var taken = new List<StockLot>();
        var left = new List<StockLot>();
        var remaining = quantity;
        foreach (var lot in lots.OrderBy(l => l.Expiry < today).ThenBy(l => l.Expiry).ThenBy(l => l.Lot, StringComparer.Ordinal))
        {
            var take = lot.Expiry >= today ? Math.Min(remaining, lot.Quantity) : 0;
            remaining -= take;
            if (take > 0)
            {
                taken.Add(lot with { Quantity = take });
            }

            if (lot.Quantity - take > 0)
            {
                left.Add(lot with { Quantity = lot.Quantity - take });
            }
        }

        return (taken, left);
    }

    /// <summary>Adds lots, combining the same lot and expiry; lots at zero disappear.</summary>
    public static List<StockLot> Merge(IEnumerable<StockLot> lots, IEnumerable<StockLot> more) =>
        lots.Concat(more)
            .GroupBy(l => (l.Lot, l.Expiry))
            .Select(g => new StockLot(g.Key.Lot, g.Key.Expiry, g.Sum(l => l.Quantity)))
            .Where(l => l.Quantity > 0)
            .OrderBy(l => l.Expiry).ThenBy(l => l.Lot, StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether <paramref name="adding"/> more units still fit under <see cref="StockLimits.MaxOnHand"/>.</summary>
    public static bool Fits(SupplyBin bin, long adding) => (long)bin.OnHand + adding <= StockLimits.MaxOnHand;
}
