using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Hospital.Storage.Migrations;

/// <summary>
/// Applies each not-yet-applied script in its own transaction and records it in <c>hospital_schema_versions</c>.
/// Running it again applies nothing; the scripts are also written to be harmless when re-run by hand.
/// </summary>
public static class SchemaMigrator
{
    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS hospital_schema_versions (
            script     VARCHAR(200) PRIMARY KEY,
            applied_at VARCHAR(40) NOT NULL
        )
        """;

    /// <returns>The names of the scripts applied by this call.</returns>
    public static async Task<IReadOnlyList<string>> ApplyAsync(DbConnection connection, IReadOnlyList<MigrationScript> scripts, ILogger logger, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(connection, null, VersionTable, cancellationToken);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT script FROM hospital_schema_versions";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var done = new List<string>();
        foreach (var script in scripts.Where(s => !applied.Contains(s.Name)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO hospital_schema_versions (script, applied_at) VALUES (@script, @at)";
                AddParameter(record, "@script", script.Name);
                AddParameter(record, "@at", DateTimeOffset.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied schema migration {Script}", script.Name);
            done.Add(script.Name);
        }

        return done;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
