using Hospital.FunctionalTests.Infrastructure;
using Hospital.Contracts.Changes;
using Hospital.Hosting.Configuration;
using Hospital.Hosting.Orleans;
using Hospital.Hosting.Storage;
using Hospital.Storage.Postgres;
using Hospital.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace Hospital.WorkflowBench.Hosting;

/// <summary>How grain state is written: the platform's plain JSON, or Orleans' own binary serializer.</summary>
public enum StateFormat
{
    Json,
    Orleans,
}

/// <summary>
/// A silo set up exactly as the platform's (its storage registration, grain storage, outbox sweeper), plus Orleans
/// transactions, whose transactional state is kept by that same grain storage. Every grain-state write is counted.
/// </summary>
public sealed class BenchSilo(IHost host, CountingGrainStorage storage) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public long Writes => storage.Writes;

    public static async Task<BenchSilo> StartAsync(HospitalOptions options, StateFormat format)
    {
        options.Orleans.SiloPort = PostgresServer.FreePort();
        options.Orleans.GatewayPort = PostgresServer.FreePort();
        options.Orleans.ClusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Not the silo's start-up advice (server GC) nor the watchdog on a shared 2-core machine.
        builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error).AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddHospitalStorage(options);
        builder.AddHospitalSilo(options);
        CountingGrainStorage? counting = null;
        builder.UseOrleans(silo =>
        {
            silo.UseTransactions();
            var platform = silo.Services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, StorageRegistration.GrainStorageName));
            silo.Services.Remove(platform);
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageRegistration.GrainStorageName, (sp, key) =>
                counting ??= new CountingGrainStorage(format == StateFormat.Json
                    ? (IGrainStorage)platform.KeyedImplementationFactory!(sp, key)
                    : OrleansSerialized(sp, options)));
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, (CountingGrainStorage)host.Services.GetRequiredKeyedService<IGrainStorage>(StorageRegistration.GrainStorageName));
    }

    /// <summary>The platform's grain storage with Orleans' binary serializer instead of its JSON one.</summary>
    private static IGrainStorage OrleansSerialized(IServiceProvider sp, HospitalOptions options)
    {
        var serializer = new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>());
        return options.Storage == StorageKind.Sqlite
            ? new SqliteGrainStorage(sp.GetRequiredService<SqliteDatabase>(), serializer, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ChangeStage>())
            : new PostgresGrainStorage(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<PostgresWriter>(), serializer,
                options.Orleans.ServiceId, sp.GetRequiredService<ChangeStage>());
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
