using Hospital.FunctionalTests.Infrastructure;
using Hospital.Hosting.Configuration;
using Hospital.WorkflowBench.Hosting;
using Hospital.WorkflowBench.Stock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Transactions;

namespace Hospital.WorkflowBench;

/// <summary>What to run: <c>[crash] --storage sqlite|postgres --format json|orleans --pairs 50 --callers 1,8,32 --seconds 3 --variants transactions,outbox</c>.</summary>
public sealed record BenchSettings(StorageKind Storage, StateFormat Format, int Pairs, int[] Callers, TimeSpan Duration, string[] Variants)
{
    public static readonly string[] AllVariants = ["transactions", "outbox"];

    public static BenchSettings From(IConfiguration config) => new(
        config.GetValue("storage", StorageKind.Sqlite),
        config.GetValue("format", StateFormat.Json),
        config.GetValue("pairs", 50),
        [.. (config["callers"] ?? "1,8,32").Split(',').Select(int.Parse)],
        TimeSpan.FromSeconds(config.GetValue("seconds", 3.0)),
        (config["variants"] ?? string.Join(',', AllVariants)).Split(','));

    /// <summary>An empty store of the chosen kind: a SQLite file in a new temp folder, or a new PostgreSQL database.</summary>
    public async Task<HospitalOptions> NewStoreAsync() => Storage == StorageKind.Sqlite
        ? new HospitalOptions { Storage = Storage, DataDirectory = Directory.CreateTempSubdirectory("hospital-bench-").FullName }
        : new HospitalOptions { Storage = Storage, ConnectionString = await PostgresServer.CreateDatabaseAsync() };

    /// <summary>Removes a SQLite store's temp folder; a PostgreSQL database goes with its throwaway server.</summary>
    public static void Delete(HospitalOptions store)
    {
        if (store.Storage == StorageKind.Sqlite)
        {
            Directory.Delete(store.DataDirectory, recursive: true);
        }
    }

    public static IStockVariant Variant(string name, BenchSilo silo) => name switch
    {
        "transactions" => new TransactionalStock(silo.Services.GetRequiredService<IGrainFactory>(), silo.Services.GetRequiredService<ITransactionClient>()),
        "outbox" => new OutboxStock(silo.Services.GetRequiredService<IGrainFactory>()),
        _ => throw new ArgumentException($"--variants: unknown '{name}' (transactions, outbox)."),
    };
}
