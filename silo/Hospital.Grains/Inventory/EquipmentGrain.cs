using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Inventory;
using Hospital.Contracts.Journal;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Inventory;

public sealed class EquipmentGrain(
    [PersistentState("equipment", HospitalStorage.Name)] IPersistentState<EquipmentState> state,
    IJournal journal,
    HospitalTime clock) : Grain, IEquipmentGrain
{
    private string AssetId => this.GetPrimaryKeyString();

    private Equipment Current => state.State.Equipment ?? throw HospitalException.NotFound("Equipment", AssetId);

    public async Task<Equipment> Create(string type, string name, string locationId)
    {
        if (state.State.Equipment is not null)
        {
            throw HospitalException.Conflict("Equipment already exists", $"Equipment '{AssetId}' already exists.");
        }

        return await Change(new Equipment(AssetId, type, name, locationId, EquipmentStatus.Available, null, null, clock.GetUtcNow(), 0), "EquipmentRegistered");
    }

    public Task<Equipment?> Get() => Task.FromResult(state.State.Equipment);

    public async Task<Equipment> SetStatus(EquipmentStatus status)
    {
        var asset = Current;
        if (asset.Status == status)
        {
            return asset;
        }

        if (status == EquipmentStatus.InUse)
        {
            throw HospitalException.Conflict("Assign instead", "Equipment goes into use by assigning it to a bed or patient.");
        }

        if (asset.Status == EquipmentStatus.InUse)
        {
            throw HospitalException.Conflict("Equipment in use", $"Equipment '{AssetId}' is in use; release it first.");
        }

        return await Change(asset with { Status = status, Since = clock.GetUtcNow() }, "EquipmentStatusChanged");
    }

    public async Task<Equipment> Assign(string? bedId, string? mrn)
    {
        var asset = Current;
        if (asset.Status != EquipmentStatus.Available)
        {
            throw HospitalException.Conflict("Equipment not available", $"Equipment '{AssetId}' is {asset.Status}; only Available equipment can be assigned.");
        }

        return await Change(asset with { Status = EquipmentStatus.InUse, BedId = bedId, Mrn = mrn, Since = clock.GetUtcNow() }, "EquipmentAssigned", mrn);
    }

    public async Task<Equipment> Release()
    {
        var asset = Current;
        if (asset.Status != EquipmentStatus.InUse)
        {
            return asset;
        }

        return await Change(asset with { Status = EquipmentStatus.Cleaning, BedId = null, Mrn = null, Since = clock.GetUtcNow() }, "EquipmentReleased", asset.Mrn);
    }

    public async Task<Equipment> Move(string locationId)
    {
        var asset = Current;
        if (asset.LocationId == locationId)
        {
            return asset;
        }

        if (asset.Status == EquipmentStatus.InUse)
        {
            throw HospitalException.Conflict("Equipment in use", $"Equipment '{AssetId}' is in use; release it before moving it.");
        }

        var moved = await Change(asset with { LocationId = locationId }, "EquipmentMoved");
        await GrainFactory.GetGrain<ISupplyLocationGrain>(asset.LocationId).EquipmentLeft(AssetId);
        return moved;
    }

    private async Task<Equipment> Change(Equipment next, string kind, string? mrn = null)
    {
        next = next with { Version = (state.State.Equipment?.Version ?? 0) + 1 };
        state.State = new EquipmentState { Equipment = next };
        await Task.WhenAll(state.WriteStateAsync(), journal.RecordAsync(kind, AssetId, mrn, new { next.Type, next.LocationId, next.Status, next.BedId, next.Mrn }));
        await GrainFactory.GetGrain<ISupplyLocationGrain>(next.LocationId).EquipmentChanged(next);
        return next;
    }
}
