using Hospital.FunctionalTests.Infrastructure;
using Hospital.Storage.Migrations;
using Hospital.Storage.Postgres;
using Hospital.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Hospital.FunctionalTests.Storage;

public sealed class MigrationTests
{
    [Fact]
    public async Task PostgresMigrationsAppliedTwiceChangeNothingTheSecondTime()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();

        var first = await PostgresSchema.MigrateAsync(connectionString, NullLogger.Instance);
        var schemaAfterFirst = await DescribeAsync(connectionString);
        var second = await PostgresSchema.MigrateAsync(connectionString, NullLogger.Instance);

        Assert.Equal(MigrationScripts.For("Postgres").Select(s => s.Name), first);
        Assert.Empty(second);
        Assert.Equal(schemaAfterFirst, await DescribeAsync(connectionString));
    }

    [Fact]
    public async Task EveryPostgresScriptCanBeRunAgainByHandWithoutHarm()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await PostgresSchema.MigrateAsync(connectionString, NullLogger.Instance);
        var before = await DescribeAsync(connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var script in MigrationScripts.For("Postgres"))
        {
            await using var command = new NpgsqlCommand(script.Sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(before, await DescribeAsync(connectionString));
    }

    [Fact]
    public async Task PostgresMigrationsInstallTheNamedQueriesOrleansRuns()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await PostgresSchema.MigrateAsync(connectionString, NullLogger.Instance);

        var keys = await QueryAsync(connectionString, "SELECT querykey FROM orleansquery ORDER BY 1");

        Assert.Contains("UpsertReminderRowKey", keys);
        Assert.Contains("WriteToStorageKey", keys);
        Assert.Contains("InsertMembershipKey", keys);
        Assert.Contains("GatewaysQueryKey", keys);
    }

    [Fact]
    public async Task SqliteMigrationsAppliedTwiceChangeNothingTheSecondTime()
    {
        await using var database = new SqliteDatabase(Path.Combine(TestPaths.NewDataDirectory(), "hospital.db"), NullLogger<SqliteDatabase>.Instance);

        var first = await SqliteSchema.MigrateAsync(database, NullLogger.Instance);
        var second = await SqliteSchema.MigrateAsync(database, NullLogger.Instance);

        Assert.Equal(MigrationScripts.For("Sqlite").Select(s => s.Name), first);
        Assert.Empty(second);
    }

    /// <summary>Tables, columns, functions and query texts: enough to see any change a re-run might make.</summary>
    private static async Task<string> DescribeAsync(string connectionString)
    {
        var columns = await QueryAsync(connectionString, """
            SELECT table_name || '.' || column_name || ':' || data_type FROM information_schema.columns
            WHERE table_schema = 'public' ORDER BY 1
            """);
        var routines = await QueryAsync(connectionString, "SELECT md5(prosrc) || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1");
        var queries = await QueryAsync(connectionString, "SELECT querykey || md5(querytext) FROM orleansquery ORDER BY 1");
        var versions = await QueryAsync(connectionString, "SELECT script FROM hospital_schema_versions ORDER BY 1");
        return string.Join("\n", columns.Concat(routines).Concat(queries).Concat(versions));
    }

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
