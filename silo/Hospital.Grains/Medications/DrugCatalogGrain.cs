using Hospital.Contracts.Medications;

namespace Hospital.Grains.Medications;

[Orleans.Concurrency.StatelessWorker]
public sealed class DrugCatalogGrain : Grain, IDrugCatalogGrain
{
    public Task<IReadOnlyList<DrugSummary>> Search(string? name, int limit) =>
        Task.FromResult<IReadOnlyList<DrugSummary>>([.. DrugKnowledge.Shipped.Search(name, limit).Select(d => d.Summary())]);
}
