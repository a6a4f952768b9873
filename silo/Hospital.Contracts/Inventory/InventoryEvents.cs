namespace Hospital.Contracts.Inventory;

/// <summary>What happened to a supply bin's stock.</summary>
public enum StockEventKind
{
    SupplyBinCreated,
    StockConsumed,
    StockRestocked,
    StockCounted,
    StockTransferredOut,
    StockTransferredIn,
    StockTransferRefused,
    StockTransferReverted,
    StockLevelsChanged,
    StockDisposed,
    StockReassessed,
    StockDispensed,
    StockDispenseRefused,
}

/// <summary>
/// A bin's movement: the units and lots moved (for a count, the lots found and those before), the other bin of a
/// transfer, and the bin's on-hand and version after it.
/// </summary>
public sealed record StockJournalEvent(
    string LocationId,
    string Sku,
    int OnHand,
    long Version,
    int? Quantity = null,
    IReadOnlyList<StockLot>? Lots = null,
    string? Reason = null,
    string? TransferId = null,
    string? FromBinId = null,
    string? ToBinId = null,
    IReadOnlyList<StockLot>? Before = null,
    int? Par = null,
    int? ReorderPoint = null,
    double? DaysOfSupply = null,
    string? DoseId = null);

/// <summary>What happened to a tracked asset.</summary>
public enum EquipmentEventKind
{
    EquipmentRegistered,
    EquipmentStatusChanged,
    EquipmentAssigned,
    EquipmentReleased,
    EquipmentMoved,
}

/// <summary>An asset as it became, and where it came from when it moved.</summary>
public sealed record EquipmentJournalEvent(
    string Type,
    string LocationId,
    EquipmentStatus Status,
    string? BedId,
    string? Mrn,
    long Version,
    string? FromLocationId = null);

/// <summary>Changes to the item catalogue; the payload is the <see cref="Item"/> as catalogued.</summary>
public enum CatalogEventKind
{
    ItemCatalogued,
}
