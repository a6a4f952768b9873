using Hospital.Storage.Migrations;
using Microsoft.Extensions.Logging;

namespace Hospital.Storage.Sqlite;

public static class SqliteSchema
{
    public static async Task<IReadOnlyList<string>> MigrateAsync(SqliteDatabase database, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        return await SchemaMigrator.ApplyAsync(connection, MigrationScripts.For("Sqlite"), logger, cancellationToken);
    }
}
