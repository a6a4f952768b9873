using Hospital.Contracts.Changes;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Inventory;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Inventory;

public sealed class EquipmentGrain(
    [PersistentState("equipment", HospitalStorage.Name)] IPersistentState<EquipmentState> state,
    GrainChanges changes,
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

        return await Change(new Equipment(AssetId, type, name, locationId, EquipmentStatus.Available, null, null, clock.GetUtcNow(), 0), EquipmentEventKind.EquipmentRegistered);
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

        return await Change(asset with { Status = status, Since = clock.GetUtcNow() }, EquipmentEventKind.EquipmentStatusChanged);
    }

    public async Task<Equipment> Assign(string? bedId, string? mrn)
    {
        var asset = Current;
        if (asset.Status != EquipmentStatus.Available)
        {
            throw HospitalException.Conflict("Equipment not available", $"Equipment '{AssetId}' is {asset.Status}; only Available equipment can be assigned.");
        }

        return await Change(asset with { Status = EquipmentStatus.InUse, BedId = bedId, Mrn = mrn, Since = clock.GetUtcNow() }, EquipmentEventKind.EquipmentAssigned, mrn);
    }

    public async Task<Equipment> Release()
    {
        var asset = Current;
        if (asset.Status != EquipmentStatus.InUse)
        {
            return asset;
        }

        return await Change(asset with { Status = EquipmentStatus.Cleaning, BedId = null, Mrn = null, Since = clock.GetUtcNow() }, EquipmentEventKind.EquipmentReleased, asset.Mrn);
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

        return await Change(asset with { LocationId = locationId }, EquipmentEventKind.EquipmentMoved, from: asset.LocationId);
    }

    /// <summary>Commits the asset's next version with its journal line and the messages to its location(s), in one transaction.</summary>
    private async Task<Equipment> Change(Equipment next, EquipmentEventKind kind, string? mrn = null, string? from = null)
    {
        next = next with { Version = (state.State.Equipment?.Version ?? 0) + 1 };
        state.State = new EquipmentState { Equipment = next };
        List<OutboxMessage> send = [new EquipmentChangedMessage(next)];
        if (from is not null)
        {
            send.Add(new EquipmentLeftMessage(from, next));
        }

        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line(kind.ToString(), AssetId, mrn,
                new EquipmentJournalEvent(next.Type, next.LocationId, next.Status, next.BedId, next.Mrn, next.Version, from), clock.GetUtcNow())],
            Send = send,
        });
        return next;
    }
}
