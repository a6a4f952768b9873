using System.Threading.Channels;
using Npgsql;

namespace Hospital.Storage.Postgres;

/// <summary>
/// A change to commit: the statements it adds to a batch, and what it makes of their results. Every statement must
/// return a result set (use <c>RETURNING</c>), so that the n-th statement's rows are the n-th result set.
/// </summary>
public abstract class PostgresWrite
{
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
/// Group commit for everything a process writes to PostgreSQL: grain state, journal entries, the patient index.
/// Writes that arrive while a transaction is in flight go into the next one, sent as one batch in one round trip, so
/// concurrent grains share a disk sync instead of queueing for one each. A caller's task completes only after its
/// transaction has committed. A write that is refused by its own statements' logic (a stale etag) does not abort the
/// others; if a combined transaction fails, each write is retried in a transaction of its own, so one bad write fails
/// only its caller.
/// </summary>
public sealed class PostgresWriter(NpgsqlDataSource dataSource) : IAsyncDisposable, IDisposable
{
    private const int MaxStatementsPerCommit = 512;
    private readonly Channel<PostgresWrite> _queue = Channel.CreateUnbounded<PostgresWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _loop;
    private long _commits;
    private long _writes;

    /// <summary>Transactions committed and writes they carried, since the process started.</summary>
    public (long Commits, long Writes) Counts => (Interlocked.Read(ref _commits), Interlocked.Read(ref _writes));

    public Task<T> Submit<T>(PostgresWrite<T> write)
    {
        lock (_start)
        {
            _loop ??= System.Threading.Tasks.Task.Run(WriteLoop);
        }

        if (!_queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(PostgresWriter));
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
            catch when (group.Count > 1)
            {
                foreach (var write in group)
                {
                    try
                    {
                        await CommitAsync([write]);
                        write.Committed();
                    }
                    catch (Exception e)
                    {
                        write.Failed(e);
                    }
                }
            }
            catch (Exception e)
            {
                group[0].Failed(e);
            }

            group.Clear();
        }
    }

    /// <summary>One transaction, one round trip.</summary>
    private async Task CommitAsync(List<PostgresWrite> writes)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in writes)
        {
            write.AddTo(batch);
        }

        await using (var reader = await batch.ExecuteReaderAsync())
        {
            foreach (var write in writes)
            {
                await write.ReadAsync(reader);
            }
        }

        await transaction.CommitAsync();
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, writes.Count);
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
