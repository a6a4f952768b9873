namespace Hospital.Contracts.Medications;

/// <summary>A drug in the hospital's catalogue.</summary>
/// <param name="Code">
/// The ATC code; an entry whose ATC code an earlier entry already uses (co-beneldopa after co-careldopa, both
/// N04BA02) gets it with "-2", "-3"... so that codes stay unique.
/// </param>
/// <param name="Name">The generic (INN or BAN) name in lower case, e.g. "amoxicillin", "glyceryl trinitrate".</param>
/// <param name="Classes">The ids of the drug's own classes, e.g. "penicillins", "nsaids", "qt-prolonging".</param>
/// <param name="Routes">The routes the knowledge base knows the drug by ("oral", "iv"), as an order form offers them.</param>
[GenerateSerializer, Immutable, Alias("hospital.drug-summary")]
public sealed record DrugSummary(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> Classes,
    [property: Id(3)] IReadOnlyList<string>? Routes = null);
