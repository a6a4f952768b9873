using Hospital.Storage.Migrations;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hospital.Storage.Postgres;

public static class PostgresSchema
{
    // Any fixed number: every process that migrates takes this advisory lock, so two silos starting together
    // apply each script once.
    private const long MigrationLock = 0x486f73706974616c;

    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await MigrateAsync(dataSource, logger, cancellationToken);
    }

    /// <summary>Migrates through one connection of <paramref name="dataSource"/>'s pool, so it counts in the process's budget.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", connection))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            return await SchemaMigrator.ApplyAsync(connection, MigrationScripts.For("Postgres"), logger, cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLock})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
