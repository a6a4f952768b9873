using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Hospital.Contracts.Errors;
using Npgsql;

namespace Hospital.Storage.Postgres;

/// <summary>
/// A change to commit: the statements it adds to a batch, and what it makes of their results. Every statement must
/// return a result set (use <c>RETURNING</c>), so that the n-th statement's rows are the n-th result set.
/// </summary>
public abstract class PostgresWrite
{
    /// <summary>When the write was queued: one that waited past the writer's deadline fails without being tried.</summary>
    internal long QueuedAt { get; } = Environment.TickCount64;

    /// <summary>How many statements <see cref="AddTo"/> adds, so that a transaction stays within its size.</summary>
    internal virtual int Statements => 1;

    internal abstract void AddTo(NpgsqlBatch batch);

    /// <summary>Reads this write's result sets; the reader stands on the first of them and is left past the last.</summary>
    internal abstract Task ReadAsync(NpgsqlDataReader reader);

    /// <summary>Called once the transaction holding this write has committed.</summary>
    internal abstract void Committed();

    internal abstract void Failed(Exception error);
}

/// <summary>A <see cref="PostgresWrite"/> whose caller awaits a result.</summary>
public abstract class PostgresWrite<T> : PostgresWrite
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _done.Task;

    /// <summary>What the result sets said; set while reading the result sets, handed over only after the commit.</summary>
    protected T Result { set => _result = value; }

    internal override void Committed() => _done.TrySetResult(_result!);

    internal override void Failed(Exception error) => _done.TrySetException(error);

    /// <summary>Reads the rows of the current result set and moves to the next one.</summary>
    protected static async Task<List<TRow>> RowsAsync<TRow>(NpgsqlDataReader reader, Func<NpgsqlDataReader, TRow> read)
    {
        var rows = new List<TRow>(1);
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        await reader.NextResultAsync();
        return rows;
    }
}

/// <summary>
/// Group commit for everything a process writes to PostgreSQL: grain state, journal entries, outbox rows, the patient
/// index. Writes that arrive while a transaction is in flight go into the next one, sent as one batch in one round trip,
/// so concurrent grains share a disk sync instead of queueing for one each. A caller's task completes only after its
/// transaction has committed. A write that is refused by its own statements' logic (a stale etag) does not abort the
/// others; if a combined transaction fails, each write is retried in a transaction of its own, so one bad write fails
/// only its caller.
/// <para>
/// Each transaction also inserts a row of its own id into <c>hospital_commits</c>. When the connection is lost during
/// COMMIT the outcome is unknown; the writer then reads that row back and reports the truth, never retrying a
/// transaction that landed (which would duplicate journal lines or report a false conflict). The queue is bounded and
/// a write that waited longer than <see cref="WriteQueue.Deadline"/> fails unsent, so no write lands after its caller (the grain,
/// and through it the client) has been told it failed.
/// </para>
/// </summary>
public sealed class PostgresWriter(NpgsqlDataSource dataSource, ILogger<PostgresWriter>? logger = null) : IAsyncDisposable, IDisposable
{
    private const int MaxStatementsPerCommit = 512;


    private readonly Channel<PostgresWrite> _queue = WriteQueue.Create<PostgresWrite>();
    private readonly Lock _start = new();
    private Task? _loop;
    private long _commits;
    private long _writes;
    private long _pruneCountdown;

    /// <summary>Transactions committed and writes they carried, since the process started.</summary>
    public (long Commits, long Writes) Counts => (Interlocked.Read(ref _commits), Interlocked.Read(ref _writes));

    /// <summary>Test hook: runs after a transaction's statements and before its COMMIT is sent.</summary>
    internal Func<NpgsqlConnection, Task>? BeforeCommit { get; set; }

    public Task<T> Submit<T>(PostgresWrite<T> write)
    {
        lock (_start)
        {
            _loop ??= System.Threading.Tasks.Task.Run(WriteLoop);
        }

        if (!_queue.Writer.TryWrite(write))
        {
            write.Failed(WriteQueue.Full());
        }

        return write.Task;
    }

    private async Task WriteLoop()
    {
        var group = new List<PostgresWrite>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var statements = 0;
            while (statements < MaxStatementsPerCommit && _queue.Reader.TryRead(out var write))
            {
                if (WriteQueue.Expired(write.QueuedAt) is { } expired)
                {
                    write.Failed(expired);
                    continue;
                }

                group.Add(write);
                statements += write.Statements;
            }

            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                await CommitAsync(group);
                group.ForEach(w => w.Committed());
            }
            catch (Exception e) when (group.Count > 1 && e is not StorageUnavailableException)
            {
                // The transaction did not land (an unknown outcome is StorageUnavailable and is never retried):
                // try each write alone, so one bad write fails only its caller.
                foreach (var write in group)
                {
                    try
                    {
                        await CommitAsync([write]);
                        write.Committed();
                    }
                    catch (Exception single)
                    {
                        write.Failed(single);
                    }
                }
            }
            catch (Exception e)
            {
                group.ForEach(w => w.Failed(e));
            }

            group.Clear();
        }
    }

    /// <summary>One transaction, one round trip; an interrupted COMMIT is resolved by reading the commit's id back.</summary>
    private async Task CommitAsync(List<PostgresWrite> writes)
    {
        var commitId = Guid.NewGuid();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in writes)
        {
            write.AddTo(batch);
        }

        var marker = new NpgsqlBatchCommand("INSERT INTO hospital_commits (id) VALUES ($1) RETURNING id");
        marker.Parameters.Add(new NpgsqlParameter { Value = commitId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        batch.BatchCommands.Add(marker);
        var prune = Interlocked.Decrement(ref _pruneCountdown) < 0;
        if (prune)
        {
            Interlocked.Exchange(ref _pruneCountdown, 1000);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "WITH gone AS (DELETE FROM hospital_commits WHERE committed_at < clock_timestamp() - interval '1 hour' RETURNING 1) SELECT count(*) FROM gone"));
        }

        await using (var reader = await batch.ExecuteReaderAsync())
        {
            foreach (var write in writes)
            {
                await write.ReadAsync(reader);
            }
        }

        if (BeforeCommit is { } hook)
        {
            await hook(connection);
        }

        try
        {
            await transaction.CommitAsync();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            if (!await LandedAsync(commitId, e))
            {
                throw;
            }

            logger?.LogWarning(e, "The connection failed during COMMIT of {Writes} writes; the commit had landed (read back)", writes.Count);
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, writes.Count);
    }

    /// <summary>
    /// Whether the transaction with this id committed, asked on a fresh connection. A plain read could run before the
    /// old session has finished its COMMIT and answer "no" for a transaction that lands a moment later; inserting the
    /// same id instead waits on the old transaction's uncommitted row until it ends: a conflict means it committed, a
    /// row inserted means it never will. The probe rolls back, so it leaves nothing behind.
    /// </summary>
    private async Task<bool> LandedAsync(Guid commitId, Exception failure)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var probe = await connection.BeginTransactionAsync();
                await using (var timeout = new NpgsqlCommand("SET LOCAL statement_timeout = '10s'", connection, probe))
                {
                    await timeout.ExecuteNonQueryAsync();
                }

                await using var command = new NpgsqlCommand(
                    "INSERT INTO hospital_commits (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", connection, probe);
                command.Parameters.Add(new NpgsqlParameter { Value = commitId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
                var inserted = await command.ExecuteNonQueryAsync();
                await probe.RollbackAsync();
                return inserted == 0;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Min(attempt + 1, 4)));
            }
        }

        // Neither outcome may be assumed, and a retry could land twice: the callers hear that the database failed.
        logger?.LogError(failure, "The connection failed during COMMIT and the database could not be asked whether it landed");
        throw new StorageUnavailableException("The connection failed during COMMIT and the database could not be asked whether it landed.");
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
