namespace Hospital.Contracts.Billing.Claims;

/// <summary>Who pays a claim: an insurer, a government scheme, or the patient themselves.</summary>
public enum PayerKind
{
    Insurer,
    Government,
    SelfPay,
}

/// <summary>A payer claims are sent to.</summary>
[GenerateSerializer, Immutable, Alias("hospital.payer")]
public sealed record Payer(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] PayerKind Kind,
    [property: Id(3)] string? Contact,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy);

[GenerateSerializer, Immutable, Alias("hospital.payer-spec")]
public sealed record PayerSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] PayerKind Kind,
    [property: Id(3)] string? Contact);

/// <summary>Every payer of the hospital (one grain, key 0): few, read often, changed rarely.</summary>
[Alias("hospital.IPayerRegistryGrain")]
public interface IPayerRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Registers a payer; the same payer again is a no-op, another under a taken id is 409.</summary>
    [Alias("Add")] Task<Payer> Add(PayerSpec spec);

    [Alias("Get"), Orleans.Concurrency.ReadOnly] Task<Payer?> Get(string payerId);

    /// <summary>Every payer, by name.</summary>
    [Alias("List"), Orleans.Concurrency.ReadOnly] Task<IReadOnlyList<Payer>> List();
}

[GenerateSerializer, Alias("hospital.payer-registry-state")]
public sealed record PayerRegistryState
{
    [Id(0)] public IReadOnlyDictionary<string, Payer> Payers { get; init; } = new Dictionary<string, Payer>();
}
