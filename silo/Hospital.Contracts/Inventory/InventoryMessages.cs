using Hospital.Contracts.Changes;

namespace Hospital.Contracts.Inventory;

/// <summary>A bin tells its location what it has become; the location keeps the newest version.</summary>
[GenerateSerializer, Alias("hospital.supply-bin-changed-message")]
public sealed record SupplyBinChangedMessage([property: Id(0)] SupplyBin Bin) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<ISupplyLocationGrain>(Bin.LocationId).BinChanged(Bin);
}

/// <summary>
/// A transfer's units on their way: committed by the source with their removal, applied by the target once (it keeps
/// the transfer ids it has applied).
/// </summary>
[GenerateSerializer, Alias("hospital.stock-transfer-message")]
public sealed record StockTransferMessage(
    [property: Id(0)] string TransferId,
    [property: Id(1)] string FromBinId,
    [property: Id(2)] string ToBinId,
    [property: Id(3)] string Sku,
    [property: Id(4)] IReadOnlyList<StockLot> Lots) : OutboxMessage
{
    public int Quantity => Lots.Sum(l => l.Quantity);

    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<ISupplyBinGrain>(ToBinId).ReceiveTransfer(this);
}

/// <summary>A transfer the target refused, on its way back: the source takes its units back once.</summary>
[GenerateSerializer, Alias("hospital.stock-transfer-returned-message")]
public sealed record StockTransferReturnedMessage(
    [property: Id(0)] StockTransferMessage Transfer,
    [property: Id(1)] string Reason) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<ISupplyBinGrain>(Transfer.FromBinId).ReturnTransfer(this);
}

/// <summary>An asset tells its location what it has become; the location keeps the newest version.</summary>
[GenerateSerializer, Alias("hospital.equipment-changed-message")]
public sealed record EquipmentChangedMessage([property: Id(0)] Equipment Equipment) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<ISupplyLocationGrain>(Equipment.LocationId).EquipmentChanged(Equipment);
}

/// <summary>An asset tells the location it left that it is gone (unless the location has heard of a newer version).</summary>
[GenerateSerializer, Alias("hospital.equipment-left-message")]
public sealed record EquipmentLeftMessage(
    [property: Id(0)] string LocationId,
    [property: Id(1)] Equipment Equipment) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<ISupplyLocationGrain>(LocationId).EquipmentLeft(Equipment);
}
