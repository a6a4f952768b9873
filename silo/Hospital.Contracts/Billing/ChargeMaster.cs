namespace Hospital.Contracts.Billing;

/// <summary>What a charge is for; revenue is reported by it.</summary>
public enum ChargeCategory
{
    Accommodation,
    Pharmacy,
    Supplies,
    Laboratory,
    Procedure,
    Other,
}

/// <summary>
/// One price of a charge code, in force from <see cref="EffectiveFrom"/> until the code's next price. A price change
/// adds a version; charges already posted keep the price they were posted at.
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.charge-item")]
public sealed record ChargeItem(
    [property: Id(0)] string Code,
    [property: Id(1)] string Description,
    [property: Id(2)] decimal UnitPrice,
    [property: Id(3)] DateTimeOffset EffectiveFrom,
    [property: Id(4)] ChargeCategory Category,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] string CreatedBy);

/// <summary>A new price for a code (a new code, or a new version of one).</summary>
[GenerateSerializer, Immutable, Alias("hospital.charge-item-spec")]
public sealed record ChargeItemSpec(
    [property: Id(0)] string Code,
    [property: Id(1)] string Description,
    [property: Id(2)] decimal UnitPrice,
    [property: Id(3)] DateTimeOffset? EffectiveFrom,
    [property: Id(4)] ChargeCategory? Category);

public static class ChargeCodes
{
    public const int MaxLength = 64;

    /// <summary>The bed-day code of a ward nobody gave one.</summary>
    public const string DefaultBedDay = "BED-DAY-GENERAL";

    /// <summary>Letters, digits and <c>- _ . :</c> (LOINC codes such as 2345-7, ATC codes, SKUs).</summary>
    public static bool IsValid(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= MaxLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}

/// <summary>The charge master: every code's prices over time. One grain (key 0).</summary>
[Alias("hospital.IChargeMasterGrain")]
public interface IChargeMasterGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a price version; the same code, price and start again is a no-op. 409 when it would rewrite the past.</summary>
    [Alias("Add")] Task<ChargeItem> Add(ChargeItemSpec spec);

    /// <summary>Adds many (seeding), skipping codes that already have a version.</summary>
    [Alias("Seed")] Task<int> Seed(IReadOnlyList<ChargeItemSpec> specs);

    /// <summary>Every version of every code, by code then start.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly] Task<IReadOnlyList<ChargeItem>> List();

    /// <summary>
    /// The price of <paramref name="code"/> in force at <paramref name="at"/>; null when it had none then, unless
    /// <paramref name="orFirst"/> (pricing an event charged before its code was priced) asks for its first price.
    /// </summary>
    [Alias("PriceAt"), Orleans.Concurrency.ReadOnly] Task<ChargeItem?> PriceAt(string code, DateTimeOffset at, bool orFirst = false);

    /// <summary>The bed-day charge code of each ward that has one of its own (others use <see cref="ChargeCodes.DefaultBedDay"/>).</summary>
    [Alias("WardRates"), Orleans.Concurrency.ReadOnly] Task<IReadOnlyDictionary<string, string>> WardRates();

    /// <summary>Sets the bed-day code of a ward (applies to midnights from now on).</summary>
    [Alias("SetWardRate")] Task SetWardRate(string wardId, string code);
}

[GenerateSerializer, Alias("hospital.charge-master-state")]
public sealed record ChargeMasterState
{
    [Id(0)] public IReadOnlyList<ChargeItem> Items { get; init; } = [];

    [Id(1)] public IReadOnlyDictionary<string, string> WardRates { get; init; } = new Dictionary<string, string>();
}
