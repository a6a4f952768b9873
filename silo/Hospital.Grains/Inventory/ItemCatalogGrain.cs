using Hospital.Contracts.Common;
using Hospital.Contracts.Inventory;
using Hospital.Grains.Changes;
using Hospital.Grains.Journal;

namespace Hospital.Grains.Inventory;

public sealed class ItemCatalogGrain(
    [PersistentState("item-catalog", HospitalStorage.Name)] IPersistentState<ItemCatalogState> state,
    GrainChanges changes,
    HospitalTime clock) : Grain, IItemCatalogGrain
{
    public async Task<Item> Ensure(Item item) =>
        state.State.Items.TryGetValue(item.Sku, out var known) ? known : await Update(item);

    public async Task<Item> Update(Item item)
    {
        var items = state.State.Items.ToDictionary();
        items[item.Sku] = item;
        state.State = new ItemCatalogState { Items = items };
        await changes.CommitAsync(this, state, new Change
        {
            Journal = [JournalExtensions.Line(nameof(CatalogEventKind.ItemCatalogued), item.Sku, null, item, clock.GetUtcNow())],
        });
        return item;
    }

    public Task<IReadOnlyList<Item>> List() =>
        Task.FromResult<IReadOnlyList<Item>>(state.State.Items.Values.OrderBy(i => i.Sku, StringComparer.Ordinal).ToList());

    public Task<Item?> Find(string sku) => Task.FromResult(state.State.Items.GetValueOrDefault(sku));
}
