namespace Hospital.Contracts.Medications;

/// <summary>The drug catalogue of the shipped knowledge base (any key: a stateless worker on every silo).</summary>
[Alias("hospital.IDrugCatalogGrain")]
public interface IDrugCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Drugs by name, synonym or ATC prefix: names starting with the text first; blank lists the catalogue.</summary>
    [Alias("Search")] Task<IReadOnlyList<DrugSummary>> Search(string? name, int limit);
}
