using Hospital.Contracts.Changes;
using Hospital.Contracts.Journal;
using Hospital.FunctionalTests.Infrastructure;
using Hospital.Storage.Migrations;
using Hospital.Storage.Postgres;
using Hospital.Storage.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hospital.FunctionalTests.Storage;

/// <summary>
/// A connection lost during COMMIT leaves the outcome unknown to the client. The writer reads its commit's id back:
/// a transaction that landed is reported as done, never retried (no duplicate journal line, no false conflict).
/// </summary>
public sealed class CommitOutcomeTests
{
    [Fact]
    public async Task AConnectionLostDuringCommitIsResolvedByReadingBackWithNoDuplicateAndNoFalseFailure()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await PostgresSchema.MigrateAsync(connectionString, NullLogger.Instance);
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        await using var proxy = new CommitCuttingProxy(target.Host!, target.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(throughProxy);
        await using var writer = new PostgresWriter(dataSource);
        var journal = new PostgresJournal(dataSource, writer);
        var stage = new ChangeStage();
        var storage = new PostgresGrainStorage(dataSource, writer, new JsonGrainStateSerializer(), "test", stage);
        var grain = GrainId.Create("committest", Guid.NewGuid().ToString("N"));
        var entity = "cut-" + Guid.NewGuid().ToString("N");
        await journal.AppendAsync(Line("warm-up"));

        proxy.Arm();
        stage.Stage(grain, new StagedChange([Line(entity)], [], []));
        var state = new GrainState<Counter> { State = new Counter { Value = 1 } };
        await storage.WriteStateAsync("counter", grain, state);

        Assert.Equal(1, proxy.Cuts);
        Assert.Equal("1", state.ETag);
        Assert.Single(await journal.QueryAsync(new JournalQuery(EntityId: entity)));
        var read = new GrainState<Counter> { State = new Counter() };
        await storage.ReadStateAsync("counter", grain, read);
        Assert.Equal((1, "1"), (read.State!.Value, read.ETag));

        proxy.Arm();
        var next = await journal.AppendAsync(Line(entity));
        Assert.Equal(2, proxy.Cuts);
        Assert.True(next > 0);
        Assert.Equal(2, (await journal.QueryAsync(new JournalQuery(EntityId: entity))).Count);
    }

    private static JournalAppend Line(string entity) => new(DateTimeOffset.UtcNow, "CommitTest", entity, null, "tester", "{}");

    public sealed record Counter
    {
        public int Value { get; init; }
    }
}
