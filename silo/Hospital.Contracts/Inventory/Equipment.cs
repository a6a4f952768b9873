namespace Hospital.Contracts.Inventory;

public enum EquipmentStatus
{
    Available,
    InUse,
    Cleaning,
    Maintenance,
}

/// <summary>A tracked asset: infusion pump, ventilator, monitor...</summary>
[GenerateSerializer, Immutable, Alias("hospital.equipment")]
public sealed record Equipment(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] string Name,
    [property: Id(3)] string LocationId,
    [property: Id(4)] EquipmentStatus Status,
    [property: Id(5)] string? BedId,
    [property: Id(6)] string? Mrn,
    [property: Id(7)] DateTimeOffset Since,
    [property: Id(8)] long Version);

[GenerateSerializer, Alias("hospital.equipment-state")]
public sealed record EquipmentState
{
    [Id(0)] public Equipment? Equipment { get; init; }
}

[Alias("hospital.IEquipmentGrain")]
public interface IEquipmentGrain : IGrainWithStringKey
{
    [Alias("Create")] Task<Equipment> Create(string type, string name, string locationId);

    [Alias("Get"), Orleans.Concurrency.AlwaysInterleave] Task<Equipment?> Get();

    [Alias("SetStatus")] Task<Equipment> SetStatus(EquipmentStatus status);

    /// <summary>Puts the asset in use at a bed and/or for a patient.</summary>
    [Alias("Assign")] Task<Equipment> Assign(string? bedId, string? mrn);

    /// <summary>Back from a patient: the asset goes to Cleaning.</summary>
    [Alias("Release")] Task<Equipment> Release();

    [Alias("Move")] Task<Equipment> Move(string locationId);
}

/// <summary>A location's (ward's, store's) bins and equipment as they last reported themselves.</summary>
[GenerateSerializer, Alias("hospital.supply-location-state")]
public sealed record SupplyLocationState
{
    [Id(0)] public IReadOnlyList<string> BinIds { get; init; } = [];
    [Id(1)] public IReadOnlyList<string> EquipmentIds { get; init; } = [];
}

[Alias("hospital.ISupplyLocationGrain")]
public interface ISupplyLocationGrain : IGrainWithStringKey
{
    [Alias("BinChanged")] Task BinChanged(SupplyBin bin);

    [Alias("EquipmentChanged")] Task EquipmentChanged(Equipment equipment);

    /// <summary>An asset moved away from this location (the asset as it is at its new location).</summary>
    [Alias("EquipmentLeft")] Task EquipmentLeft(Equipment moved);

    [Alias("GetBins"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<SupplyBin>> GetBins();

    [Alias("GetEquipment"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<Equipment>> GetEquipment();
}

[GenerateSerializer, Alias("hospital.item-catalog-state")]
public sealed record ItemCatalogState
{
    [Id(0)] public IReadOnlyDictionary<string, Item> Items { get; init; } = new Dictionary<string, Item>();
}

/// <summary>The item catalogue (key 0).</summary>
[Alias("hospital.IItemCatalogGrain")]
public interface IItemCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Adds the item, or returns the catalogued one when the SKU exists.</summary>
    [Alias("Ensure")] Task<Item> Ensure(Item item);

    [Alias("Update")] Task<Item> Update(Item item);

    [Alias("List"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<Item>> List();

    [Alias("Find"), Orleans.Concurrency.AlwaysInterleave] Task<Item?> Find(string sku);
}
