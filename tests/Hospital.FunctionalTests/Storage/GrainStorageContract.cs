using Hospital.Contracts.Changes;
using Hospital.Contracts.Common;
using Hospital.Contracts.Journal;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hospital.FunctionalTests.Storage;

/// <summary>
/// What every grain storage of the platform must do, run against each real engine through the host configuration
/// production uses: read/write/clear, optimistic concurrency by etag, and state that outlives the process.
/// </summary>
public abstract class GrainStorageContract : IAsyncLifetime
{
    private const string StateName = "chart";
    private PlatformHost? _host;

    /// <summary>Settings that select the engine, with a fresh database or folder per test.</summary>
    protected abstract Task<Dictionary<string, string?>> SettingsAsync();

    protected IGrainStorage Storage => _host!.Services.GetRequiredKeyedService<IGrainStorage>(HospitalStorage.Name);

    public async Task InitializeAsync() => _host = await PlatformHost.StartAsync(await SettingsAsync());

    protected Task RestartAsync() => _host!.RestartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private static GrainId NewGrain() => GrainId.Create("storagetest", Guid.NewGuid().ToString("N"));

    private async Task<GrainState<Chart>> ReadAsync(GrainId id)
    {
        var state = new GrainState<Chart> { State = new Chart() };
        await Storage.ReadStateAsync(StateName, id, state);
        return state;
    }

    private async Task<GrainState<Chart>> WriteAsync(GrainId id, Chart chart, string? etag = null)
    {
        var state = new GrainState<Chart> { State = chart, ETag = etag };
        await Storage.WriteStateAsync(StateName, id, state);
        return state;
    }

    [Fact]
    public async Task StateThatWasNeverWrittenReadsAsAbsent()
    {
        var state = await ReadAsync(NewGrain());

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task WrittenStateReadsBackWithTheEtagTheWriteReturned()
    {
        var id = NewGrain();
        var written = await WriteAsync(id, new Chart { Note = "admitted", Count = 1 });

        var read = await ReadAsync(id);

        Assert.True(read.RecordExists);
        Assert.Equal(new Chart { Note = "admitted", Count = 1 }, read.State);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task AWriteWithAStaleEtagIsRejectedAndChangesNothing()
    {
        var id = NewGrain();
        var first = await WriteAsync(id, new Chart { Note = "v1" });
        var staleEtag = first.ETag;
        await WriteAsync(id, new Chart { Note = "v2" }, staleEtag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(id, new Chart { Note = "stale" }, staleEtag));

        Assert.Equal("v2", (await ReadAsync(id)).State!.Note);
    }

    [Fact]
    public async Task TwoFirstWritesOfTheSameGrainConflict()
    {
        var id = NewGrain();
        await WriteAsync(id, new Chart { Note = "first" });

        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(id, new Chart { Note = "second" }));

        Assert.Equal("first", (await ReadAsync(id)).State!.Note);
    }

    [Fact]
    public async Task ClearedStateReadsAsAbsentAndAWriterFromBeforeTheClearCannotResurrectIt()
    {
        var id = NewGrain();
        var written = await WriteAsync(id, new Chart { Note = "v1" });
        var beforeClear = written.ETag;
        await Storage.ClearStateAsync(StateName, id, written);

        var read = await ReadAsync(id);
        Assert.False(read.RecordExists);
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(id, new Chart { Note = "zombie" }, beforeClear));

        var rewritten = await WriteAsync(id, new Chart { Note = "v2" }, read.ETag);
        Assert.Equal("v2", (await ReadAsync(id)).State!.Note);
        Assert.NotEqual(beforeClear, rewritten.ETag);
    }

    [Fact]
    public async Task ConcurrentWritesOfManyGrainsAllLandAndAStaleOneAmongThemFailsAlone()
    {
        var stale = NewGrain();
        var first = await WriteAsync(stale, new Chart { Note = "v1" });
        await WriteAsync(stale, new Chart { Note = "v2" }, first.ETag);
        var ids = Enumerable.Range(0, 200).Select(_ => NewGrain()).ToList();

        var writes = ids.Select((id, i) => WriteAsync(id, new Chart { Note = "n" + i, Count = i })).ToList();
        var refused = WriteAsync(stale, new Chart { Note = "stale" }, first.ETag);
        await Task.WhenAll(writes);

        await Assert.ThrowsAsync<InconsistentStateException>(() => refused);
        Assert.Equal("v2", (await ReadAsync(stale)).State!.Note);
        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal(new Chart { Note = "n" + i, Count = i }, (await ReadAsync(ids[i])).State);
        }
    }

    [Fact]
    public async Task WrittenStateSurvivesARestart()
    {
        var id = NewGrain();
        var written = await WriteAsync(id, new Chart { Note = "durable", Count = 7 });

        await RestartAsync();

        var read = await ReadAsync(id);
        Assert.Equal(new Chart { Note = "durable", Count = 7 }, read.State);
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task TheJournalReturnsEntriesInOrderByEntityPatientAndTimeAndKeepsThemAcrossARestart()
    {
        var journal = _host!.Services.GetRequiredService<IJournal>();
        var bed = "BED-" + Guid.NewGuid().ToString("N")[..6];
        var mrn = "H-" + Guid.NewGuid().ToString("N")[..6];
        var t0 = DateTimeOffset.Parse("2026-03-01T10:00:00Z");
        var first = await journal.AppendAsync(new JournalAppend(t0, "Admitted", bed, mrn, "nurse.a", "{\"x\":1}"));
        var second = await journal.AppendAsync(new JournalAppend(t0.AddHours(1), "Cleaned", bed, null, "porter.b", "{}"));
        await journal.AppendAsync(new JournalAppend(t0.AddHours(2), "Discharged", bed, mrn, "nurse.a", "{}"));

        await RestartAsync();
        journal = _host!.Services.GetRequiredService<IJournal>();

        Assert.True(second > first);
        Assert.Equal(["Admitted", "Cleaned", "Discharged"], (await journal.QueryAsync(new JournalQuery(EntityId: bed))).Select(e => e.Kind));
        Assert.Equal(["Admitted", "Discharged"], (await journal.QueryAsync(new JournalQuery(PatientId: mrn))).Select(e => e.Kind));
        var window = await journal.QueryAsync(new JournalQuery(EntityId: bed, From: t0.AddMinutes(30), To: t0.AddHours(2)));
        var only = Assert.Single(window);
        Assert.Equal(("Cleaned", "porter.b", t0.AddHours(1)), (only.Kind, only.Actor, only.OccurredAt));
        Assert.Contains("\"x\"", (await journal.QueryAsync(new JournalQuery(EntityId: bed, Limit: 1)))[0].Payload);
    }

    [Fact]
    public async Task AStagedChangeCommitsWithItsStateAndAStaleWriteCommitsNoneOfIt()
    {
        var stage = _host!.Services.GetRequiredService<ChangeStage>();
        var journal = _host.Services.GetRequiredService<IJournal>();
        var outbox = _host.Services.GetRequiredService<IOutboxStore>();
        var id = NewGrain();
        var kept = "kept-" + Guid.NewGuid().ToString("N");
        var lost = "lost-" + Guid.NewGuid().ToString("N");
        StagedChange Change(string tag) => new(
            [new JournalAppend(DateTimeOffset.UtcNow, "StagedTest", tag, null, "tester", "{}")],
            [new OutboxRow(tag + "-a", DateTimeOffset.UtcNow.AddMinutes(-1), [1, 2, 3]), new OutboxRow(tag + "-b", DateTimeOffset.UtcNow.AddMinutes(-1), [4])], []);

        stage.Stage(id, Change(kept));
        var first = await WriteAsync(id, new Chart { Note = "v1" });
        stage.Stage(id, Change(lost));
        await Assert.ThrowsAsync<InconsistentStateException>(() => WriteAsync(id, new Chart { Note = "stale" }));
        stage.Stage(id, new StagedChange([], [], [kept + "-a"]));
        await WriteAsync(id, new Chart { Note = "v2" }, first.ETag);

        Assert.Single(await journal.QueryAsync(new JournalQuery(EntityId: kept)));
        Assert.Empty(await journal.QueryAsync(new JournalQuery(EntityId: lost)));
        var due = (await outbox.ClaimDueAsync(TimeSpan.FromMinutes(1), 1000)).Select(row => row.Id).ToList();
        Assert.Contains(kept + "-b", due);
        Assert.DoesNotContain(kept + "-a", due);
        Assert.DoesNotContain(lost + "-a", due);
        Assert.Equal("v2", (await ReadAsync(id)).State!.Note);
    }

    public sealed record Chart
    {
        public string Note { get; init; } = "";
        public int Count { get; init; }
    }
}

public sealed class SqliteGrainStorageTests : GrainStorageContract
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(PlatformHost.Sqlite());
}

public sealed class PostgresGrainStorageTests : GrainStorageContract
{
    protected override async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["Hospital:Storage"] = "Postgres",
        ["ConnectionStrings:Hospital"] = await PostgresServer.CreateDatabaseAsync(),
    };
}
