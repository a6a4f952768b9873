using Hospital.Contracts.Common;
using Hospital.Contracts.Inventory;
using Hospital.Grains.Changes;

namespace Hospital.Grains.Inventory;

/// <summary>
/// A location's stock and equipment board, kept from what its bins and assets push; rebuilt from them on activation.
/// Messages may arrive twice or late: each thing is kept at the newest version heard of.
/// </summary>
public sealed class SupplyLocationGrain(
    [PersistentState("supply-location", HospitalStorage.Name)] IPersistentState<SupplyLocationState> state,
    GrainChanges changes) : Grain, ISupplyLocationGrain
{
    private readonly Dictionary<string, SupplyBin> _bins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Equipment> _equipment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _left = new(StringComparer.Ordinal);

    private string LocationId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var bin in (await Task.WhenAll(state.State.BinIds.Select(id => GrainFactory.GetGrain<ISupplyBinGrain>(id).Get()))).OfType<SupplyBin>())
        {
            _bins[bin.Id] = bin;
        }

        foreach (var asset in (await Task.WhenAll(state.State.EquipmentIds.Select(id => GrainFactory.GetGrain<IEquipmentGrain>(id).Get()))).OfType<Equipment>())
        {
            if (asset.LocationId == LocationId)
            {
                _equipment[asset.Id] = asset;
            }
        }
    }

    public async Task BinChanged(SupplyBin bin)
    {
        if (!state.State.BinIds.Contains(bin.Id))
        {
            state.State = state.State with { BinIds = [.. state.State.BinIds, bin.Id] };
            await changes.CommitAsync(this, state, Change.None);
        }

        if (!_bins.TryGetValue(bin.Id, out var known) || known.Version < bin.Version)
        {
            _bins[bin.Id] = bin;
        }
    }

    public async Task EquipmentChanged(Equipment equipment)
    {
        if (_left.TryGetValue(equipment.Id, out var left) && left >= equipment.Version)
        {
            // Heard late: the asset has moved away since.
            return;
        }

        if (!state.State.EquipmentIds.Contains(equipment.Id))
        {
            state.State = state.State with { EquipmentIds = [.. state.State.EquipmentIds, equipment.Id] };
            await changes.CommitAsync(this, state, Change.None);
        }

        if (!_equipment.TryGetValue(equipment.Id, out var known) || known.Version < equipment.Version)
        {
            _equipment[equipment.Id] = equipment;
        }
    }

    public async Task EquipmentLeft(Equipment moved)
    {
        if (_equipment.TryGetValue(moved.Id, out var known) && known.Version > moved.Version)
        {
            // Heard late: the asset has come back since.
            return;
        }

        _equipment.Remove(moved.Id);
        _left[moved.Id] = Math.Max(_left.GetValueOrDefault(moved.Id), moved.Version);
        if (state.State.EquipmentIds.Contains(moved.Id))
        {
            state.State = state.State with { EquipmentIds = state.State.EquipmentIds.Where(id => id != moved.Id).ToList() };
            await changes.CommitAsync(this, state, Change.None);
        }
    }

    public Task<IReadOnlyList<SupplyBin>> GetBins() =>
        Task.FromResult<IReadOnlyList<SupplyBin>>(_bins.Values.OrderBy(b => b.Id, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<Equipment>> GetEquipment() =>
        Task.FromResult<IReadOnlyList<Equipment>>(_equipment.Values.OrderBy(e => e.Id, StringComparer.Ordinal).ToList());
}
