using Hospital.Contracts.Journal;
using Hospital.FunctionalTests.Infrastructure;
using Hospital.Storage.Migrations;
using Hospital.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Hospital.FunctionalTests.Storage;

/// <summary>The PostgreSQL journal group-commits concurrent appends; each caller still gets its own outcome.</summary>
public sealed class PostgresJournalTests
{
    private static async Task<Journal> JournalAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await PostgresSchema.MigrateAsync(connectionString, NullLogger.Instance);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var writer = new PostgresWriter(dataSource);
        return new Journal(new PostgresJournal(dataSource, writer), writer, dataSource);
    }

    /// <summary>The journal with the writer and connections it owns.</summary>
    private sealed class Journal(PostgresJournal journal, PostgresWriter writer, NpgsqlDataSource dataSource) : IAsyncDisposable
    {
        public Task<long> AppendAsync(JournalAppend entry) => journal.AppendAsync(entry);

        public Task<IReadOnlyList<long>> AppendBatchAsync(IReadOnlyList<JournalAppend> entries) => journal.AppendBatchAsync(entries);

        public Task<IReadOnlyList<JournalEntry>> QueryAsync(JournalQuery query) => journal.QueryAsync(query);

        public async ValueTask DisposeAsync()
        {
            await writer.DisposeAsync();
            await dataSource.DisposeAsync();
        }
    }

    private static JournalAppend Entry(int i, string payload = "{}") =>
        new(DateTimeOffset.UtcNow, "Test", "E" + i, null, "tester", payload);

    [Fact]
    public async Task ConcurrentAppendsAllLandWithDistinctPositions()
    {
        await using var journal = await JournalAsync();

        var sequences = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => journal.AppendAsync(Entry(i))));

        Assert.Equal(300, sequences.Distinct().Count());
        Assert.Equal(300, (await journal.QueryAsync(new JournalQuery(Kind: "Test", Limit: 1000))).Count);
    }

    [Fact]
    public async Task ABatchKeepsItsOrderAndABadEntryFailsOnlyItsCaller()
    {
        await using var journal = await JournalAsync();

        var good = Enumerable.Range(0, 50).Select(i => journal.AppendBatchAsync([Entry(i), Entry(i + 1000)])).ToList();
        var bad = journal.AppendAsync(Entry(-1, "not json"));

        var batches = await Task.WhenAll(good);
        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.All(batches, b => Assert.Equal(b[0] + 1, b[1]));
        Assert.Equal(100, (await journal.QueryAsync(new JournalQuery(Kind: "Test", Limit: 1000))).Count);
    }
}
