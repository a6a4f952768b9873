using Hospital.Contracts.Changes;

namespace Hospital.Contracts.Billing;

/// <summary>
/// The hospital's invoice register (one grain, key 0): issues invoices in sequence. Each number is committed together
/// with the message that stores its invoice, so a number is never handed out without its invoice, nor twice.
/// </summary>
[Alias("hospital.IInvoiceRegisterGrain")]
public interface IInvoiceRegisterGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Issues an invoice of the admission's account as it is now; a retry of the same operation (Idempotency-Key) gets the
    /// invoice its first attempt issued. 404 when the admission has no account, 409 when the account has no lines.
    /// </summary>
    [Alias("Issue")] Task<Invoice> Issue(string encounterId);
}

/// <summary>One issued invoice (key: its number). Stored once, never changed.</summary>
[Alias("hospital.IInvoiceGrain")]
public interface IInvoiceGrain : IGrainWithStringKey
{
    /// <summary>The invoice, or null when no invoice has this number.</summary>
    [Alias("Get"), Orleans.Concurrency.ReadOnly] Task<Invoice?> Get();

    /// <summary>Keeps the invoice the register issued under this number; a repeat changes nothing.</summary>
    [Alias("Store")] Task Store(Invoice invoice);
}

/// <summary>
/// The invoices of the admissions in one shard (key <see cref="InvoiceIndex.ShardOf"/> of the encounter id): what an
/// admission's invoice list and the unbilled report read, without a grain per account.
/// </summary>
[Alias("hospital.IInvoiceIndexGrain")]
public interface IInvoiceIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds an invoice; one already listed (by number) is not added again.</summary>
    [Alias("Add")] Task Add(InvoiceSummary invoice);

    /// <summary>The admission's invoices, oldest first.</summary>
    [Alias("Of"), Orleans.Concurrency.ReadOnly] Task<IReadOnlyList<InvoiceSummary>> Of(string encounterId);

    /// <summary>The latest invoice of each admission in the shard.</summary>
    [Alias("Latest"), Orleans.Concurrency.ReadOnly] Task<IReadOnlyList<InvoiceSummary>> Latest();
}

public static class InvoiceIndex
{
    public const int Shards = 32;

    /// <summary>A stable shard for an encounter id (FNV-1a, the same in every process and version).</summary>
    public static int ShardOf(string encounterId)
    {
        var hash = 2166136261u;
        foreach (var c in encounterId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }

    public static IInvoiceIndexGrain For(IGrainFactory grains, string encounterId) => grains.GetGrain<IInvoiceIndexGrain>(ShardOf(encounterId));
}

[GenerateSerializer, Alias("hospital.invoice-register-state")]
public sealed record InvoiceRegisterState
{
    /// <summary>The sequence of the last invoice issued.</summary>
    [Id(0)] public long Issued { get; init; }

    /// <summary>The latest operations that issued an invoice, so that their retries get the same one.</summary>
    [Id(1)] public IReadOnlyList<IssuedOperation> Recent { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("hospital.issued-operation")]
public sealed record IssuedOperation([property: Id(0)] string Operation, [property: Id(1)] string Number);

[GenerateSerializer, Alias("hospital.invoice-state")]
public sealed record InvoiceState
{
    [Id(0)] public Invoice? Invoice { get; init; }
}

[GenerateSerializer, Alias("hospital.invoice-index-state")]
public sealed record InvoiceIndexState
{
    [Id(0)] public IReadOnlyList<InvoiceSummary> Invoices { get; init; } = [];
}

/// <summary>The register issued an invoice: its grain keeps it.</summary>
[GenerateSerializer, Alias("hospital.invoice-issued-message")]
public sealed record InvoiceIssuedMessage([property: Id(0)] Invoice Invoice) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IInvoiceGrain>(Invoice.Number).Store(Invoice);
}

/// <summary>An invoice was stored: its admission's index lists it.</summary>
[GenerateSerializer, Alias("hospital.invoice-indexed-message")]
public sealed record InvoiceIndexedMessage([property: Id(0)] InvoiceSummary Invoice) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => InvoiceIndex.For(grains, Invoice.EncounterId).Add(Invoice);
}
