using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hospital.Storage.Postgres;

public sealed class PostgresHospitalStore(NpgsqlDataSource dataSource, ILogger<PostgresHospitalStore> logger) : IHospitalStore
{
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default) =>
        PostgresSchema.MigrateAsync(dataSource, logger, cancellationToken);

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
