using Hospital.Contracts.Inventory;

namespace Hospital.Grains.Inventory;

/// <summary>How units are taken from and added to a bin's lots.</summary>
internal static class StockLots
{
    /// <summary>Units usable today (expired lots are never handed out).</summary>
    public static int Usable(IEnumerable<StockLot> lots, DateOnly today) => lots.Where(l => l.Expiry >= today).Sum(l => l.Quantity);

    /// <summary>Usable lots, earliest expiry first, until <paramref name="quantity"/> is covered (the caller has checked it can be).</summary>
    public static (List<StockLot> Taken, List<StockLot> Left) Take(IEnumerable<StockLot> lots, int quantity, DateOnly today)
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
