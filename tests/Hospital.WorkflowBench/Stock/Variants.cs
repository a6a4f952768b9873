using Orleans.Transactions;

namespace Hospital.WorkflowBench.Stock;

/// <summary>One way of moving stock between bins, as the load sees it.</summary>
public interface IStockVariant
{
    string Name { get; }

    Task Transfer(long from, long to, int units);

    Task Adjust(long bin, int delta);

    Task<int> Units(long bin);
}

/// <summary>Both bins change in one Orleans transaction, or neither does.</summary>
public sealed class TransactionalStock(IGrainFactory grains, ITransactionClient transactions) : IStockVariant
{
    public string Name => "Orleans transactions";

    private ITransactionalBinGrain Bin(long id) => grains.GetGrain<ITransactionalBinGrain>(id);

    public Task Transfer(long from, long to, int units) =>
        transactions.RunTransaction(TransactionOption.Create, () => Task.WhenAll(Bin(from).Take(units), Bin(to).Put(units)));

    public Task Adjust(long bin, int delta) => Bin(bin).Adjust(delta);

    public Task<int> Units(long bin) => Bin(bin).Units();
}

/// <summary>The source commits its decrement with an outbox message; the target applies it once, shortly after.</summary>
public sealed class OutboxStock(IGrainFactory grains) : IStockVariant
{
    public string Name => "outbox";

    private IOutboxBinGrain Bin(long id) => grains.GetGrain<IOutboxBinGrain>(id);

    public Task Transfer(long from, long to, int units) => Bin(from).TransferTo(to, units);

    public Task Adjust(long bin, int delta) => Bin(bin).Adjust(delta);

    public Task<int> Units(long bin) => Bin(bin).Units();
}
