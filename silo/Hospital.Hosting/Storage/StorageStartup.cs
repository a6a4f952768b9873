using Hospital.Hosting.Configuration;
using Hospital.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hospital.Hosting.Storage;

/// <summary>
/// Brings the schema up to date before anything else starts, and releases Orleans' pooled connections after it stops.
/// Registered before Orleans so that its hosted service (which starts after this one) finds the tables and named
/// queries it needs, and stops after it.
/// </summary>
internal sealed partial class StorageStartup(IHospitalStore store, IOptions<HospitalOptions> options, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Storage == StorageKind.Postgres)
        {
            var pools = options.Value.Postgres;
            Budget(logger, pools.PerProcess, pools.MaxPoolSize, pools.OrleansMaxPoolSize, pools.ConnectionTimeout);
        }

        // The SQLite file is the process's own, so it is always migrated; a shared PostgreSQL is migrated by the
        // migrate command or a Job unless Hospital:MigrateOnStartup says otherwise.
        if (options.Value.Storage == StorageKind.Sqlite || options.Value.MigrateOnStartup)
        {
            await store.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopped after Orleans: its providers' pool is keyed by connection string and would otherwise keep idle
        // connections open for minutes after a host in a longer-lived process (tests, the seed command) has stopped.
        if (options.Value.Storage == StorageKind.Postgres)
        {
            using var connection = new NpgsqlConnection(PostgresPools.Orleans(options.Value));
            NpgsqlConnection.ClearPool(connection);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "PostgreSQL connections: at most {Total} ({Own} platform + {Orleans} Orleans); a caller waits up to {Timeout} for one when its pool is full")]
    private static partial void Budget(ILogger logger, int total, int own, int orleans, TimeSpan timeout);
}
