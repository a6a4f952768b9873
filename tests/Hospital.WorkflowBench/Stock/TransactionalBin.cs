using Hospital.Contracts.Common;
using Orleans.Transactions.Abstractions;

namespace Hospital.WorkflowBench.Stock;

/// <summary>A supply bin whose count changes only inside Orleans transactions (ACID across bins).</summary>
[Alias("bench.transactional-bin")]
public interface ITransactionalBinGrain : IGrainWithIntegerKey
{
    [Transaction(TransactionOption.Join), Alias("take")]
    Task Take(int units);

    [Transaction(TransactionOption.Join), Alias("put")]
    Task Put(int units);

    /// <summary>The single-grain update: its own transaction.</summary>
    [Transaction(TransactionOption.Create), Alias("adjust")]
    Task Adjust(int delta);

    [Transaction(TransactionOption.CreateOrJoin), Alias("units")]
    Task<int> Units();
}

/// <summary>Mutable: a transaction updates its own copy of the state in place.</summary>
[GenerateSerializer, Alias("bench.stock-level")]
public sealed class StockLevel
{
    [Id(0)] public int Units { get; set; }
}

public sealed class TransactionalBinGrain(
    [TransactionalState("stock", HospitalStorage.Name)] ITransactionalState<StockLevel> stock) : Grain, ITransactionalBinGrain
{
    public Task Take(int units) => stock.PerformUpdate(s =>
    {
        if (s.Units < units)
        {
            throw new InvalidOperationException($"Bin {this.GetPrimaryKeyLong()} holds {s.Units}, not {units}.");
        }

        s.Units -= units;
    });

    public Task Put(int units) => stock.PerformUpdate(s => s.Units += units);

    public Task Adjust(int delta) => stock.PerformUpdate(s => s.Units += delta);

    public Task<int> Units() => stock.PerformRead(s => s.Units);
}
