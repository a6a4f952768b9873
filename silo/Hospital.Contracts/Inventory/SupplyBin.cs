namespace Hospital.Contracts.Inventory;

public enum StockStatus
{
    Ok,
    Low,
    Out,
}

/// <summary>Units of one lot in a bin.</summary>
[GenerateSerializer, Immutable, Alias("hospital.stock-lot")]
public sealed record StockLot(
    [property: Id(0)] string Lot,
    [property: Id(1)] DateOnly Expiry,
    [property: Id(2)] int Quantity);

/// <summary>A catalogue item.</summary>
[GenerateSerializer, Immutable, Alias("hospital.item")]
public sealed record Item(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] string Unit,
    [property: Id(3)] string? Category);

/// <summary>What a new bin holds and when to reorder.</summary>
[GenerateSerializer, Immutable, Alias("hospital.bin-spec")]
public sealed record BinSpec(
    [property: Id(0)] string LocationId,
    [property: Id(1)] Item Item,
    [property: Id(2)] int Par,
    [property: Id(3)] int ReorderPoint);

/// <summary>A supply bin: one item at one location, its lots, and how long they will last.</summary>
/// <param name="OnHand">Sum of the lots (expired ones included until disposed).</param>
/// <param name="Status">Out at 0, Low at 1..reorder point, else Ok.</param>
/// <param name="ConsumptionPerDay">Mean daily use over the last 7 days.</param>
/// <param name="DaysOfSupply">Usable (unexpired) stock divided by daily use; null when nothing is being used.</param>
/// <param name="SuggestedOrder">Par minus on-hand when at or below the reorder point, else 0.</param>
[GenerateSerializer, Immutable, Alias("hospital.supply-bin")]
public sealed record SupplyBin(
    [property: Id(0)] string Id,
    [property: Id(1)] string LocationId,
    [property: Id(2)] string Sku,
    [property: Id(3)] string Name,
    [property: Id(4)] string Unit,
    [property: Id(5)] int OnHand,
    [property: Id(6)] int Par,
    [property: Id(7)] int ReorderPoint,
    [property: Id(8)] IReadOnlyList<StockLot> Lots,
    [property: Id(9)] StockStatus Status,
    [property: Id(10)] double ConsumptionPerDay,
    [property: Id(11)] double? DaysOfSupply,
    [property: Id(12)] int SuggestedOrder,
    [property: Id(13)] long Version,
    [property: Id(14)] DateTimeOffset UpdatedAt,
    [property: Id(15)] string? Category = null);

[GenerateSerializer, Alias("hospital.supply-bin-state")]
public sealed record SupplyBinState
{
    [Id(0)] public SupplyBin? Bin { get; init; }
    /// <summary>Units used per day ("yyyy-MM-dd"), last 30 days.</summary>
    [Id(1)] public IReadOnlyDictionary<string, int> DailyUse { get; init; } = new Dictionary<string, int>();
    /// <summary>Keys of the alert conditions this bin has raised and not yet resolved.</summary>
    [Id(2)] public IReadOnlyList<string> RaisedAlerts { get; init; } = [];
    /// <summary>The expiry-check reminder is registered (while the bin holds any lot).</summary>
    [Id(3)] public bool ExpiryReminder { get; init; }
    /// <summary>Ids of the transfers most recently received or returned here, newest last: a repeat changes nothing.</summary>
    [Id(4)] public IReadOnlyList<string> AppliedTransfers { get; init; } = [];
}

/// <summary>Bounds that keep every stock sum far from overflow, whatever the sequence of movements.</summary>
/// <summary>One supply bin. Moves stock by lot (earliest expiry first, never an expired lot) and raises its own stock alerts.</summary>
[Alias("hospital.ISupplyBinGrain")]
public interface ISupplyBinGrain : IGrainWithStringKey
{
    [Alias("Create")] Task<SupplyBin> Create(BinSpec spec);

    [Alias("Get"), Orleans.Concurrency.AlwaysInterleave] Task<SupplyBin?> Get();

    [Alias("Consume")] Task<SupplyBin> Consume(int quantity, string? mrn, string? reason);

    [Alias("Restock")] Task<SupplyBin> Restock(int quantity, string lot, DateOnly expiry);

    /// <summary>A physical count replaces the lots; the reason is journaled with the difference.</summary>
    [Alias("CycleCount")] Task<SupplyBin> CycleCount(IReadOnlyList<StockLot> counted, string reason);

    /// <summary>
    /// Moves units (earliest-expiring usable lots first) to another bin of the same item. Returns once this bin's
    /// removal is durable together with the message that gives the units to the target, which applies it moments later.
    /// </summary>
    [Alias("TransferTo")] Task<SupplyBin> TransferTo(string targetBinId, int quantity);

    /// <summary>The receiving side of a transfer: adds the lots once per transfer, or sends them back if it cannot hold them.</summary>
    [Alias("ReceiveTransfer")] Task<SupplyBin?> ReceiveTransfer(StockTransferMessage transfer);

    /// <summary>The target could not take a transfer: its units come back, once.</summary>
    [Alias("ReturnTransfer")] Task<SupplyBin> ReturnTransfer(StockTransferReturnedMessage returned);

    [Alias("SetLevels")] Task<SupplyBin> SetLevels(int par, int reorderPoint);

    /// <summary>Removes expired lots as waste.</summary>
    [Alias("DisposeExpired")] Task<SupplyBin> DisposeExpired();

    /// <summary>
    /// A dose given from this bin: one unit leaves, once per dose id. With nothing usable left (taken since the nurse's
    /// check) the dose is recorded as handled and journaled as refused: stock never goes negative.
    /// </summary>
    [Alias("DispenseDose")] Task<SupplyBin?> DispenseDose(Hospital.Contracts.Medications.DoseDispensedMessage dose);

    /// <summary>Re-evaluates expiry and days of supply against today (run on a schedule).</summary>
    [Alias("Reassess")] Task<SupplyBin> Reassess();
}

/// <summary>The bounds of every stock quantity, so that no sum of them can overflow.</summary>
public static class StockLimits
{
    /// <summary>The most units one movement moves, one bin holds, and a par asks for.</summary>
    public const int MaxQuantity = 1_000_000;

    /// <summary>The most units one bin holds (a transfer's units coming back may exceed it: they exist and must be somewhere).</summary>
    public const int MaxOnHand = MaxQuantity;

    /// <summary>A day's tally of use stops here, so a week's sum stays within an int.</summary>
    public const int MaxDailyUse = 100 * MaxQuantity;
}
