using Microsoft.Extensions.Logging;

namespace Hospital.Storage.Sqlite;

public sealed class SqliteHospitalStore(SqliteDatabase database, ILogger<SqliteHospitalStore> logger) : IHospitalStore
{
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default) =>
        SqliteSchema.MigrateAsync(database, logger, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM hospital_schema_versions";
            return command.ExecuteScalar();
        });
}
