using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Hospital.Storage.Sqlite;

/// <summary>
/// The all-in-one store: one SQLite file in WAL mode with full sync. All writes go through one connection and are
/// group-committed: whatever queued while the previous commit was syncing is committed together, each operation in
/// its own savepoint so one failure does not undo its neighbours. A write's task completes only after its commit is
/// on disk, so an acknowledged write survives kill -9 and power loss.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 512;
    private readonly Channel<IWrite> _writes = WriteQueue.Create<IWrite>();
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly Lazy<Task> _writer;

    public SqliteDatabase(string path, ILogger<SqliteDatabase> logger)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _logger = logger;
        _writer = new Lazy<Task>(() => Task.Factory.StartNew(WriteLoop, TaskCreationOptions.LongRunning).Unwrap());
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>Opens a connection with the durability settings every connection to this file must use.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in the next group commit; completes after the commit is durable.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> work)
    {
        _ = _writer.Value;
        var write = new Write<T>(work);
        if (!_writes.Writer.TryWrite(write))
        {
            throw _writes.Reader.Completion.IsCompleted
                ? new ObjectDisposedException(nameof(SqliteDatabase))
                : WriteQueue.Full();
        }

        return write.Completion.Task;
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work)
    {
        await Task.Yield();
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return work(connection);
    }

    private async Task WriteLoop()
    {
        using var connection = Open();
        var batch = new List<IWrite>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var write))
            {
                if (WriteQueue.Expired(write.QueuedAt) is { } expired)
                {
                    write.Abort(expired);
                    continue;
                }

                batch.Add(write);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            Commit(connection, batch);
            batch.Clear();
        }
    }

    private void Commit(SqliteConnection connection, List<IWrite> batch)
    {
        try
        {
            Execute(connection, "BEGIN IMMEDIATE");
            foreach (var write in batch)
            {
                Execute(connection, "SAVEPOINT op");
                try
                {
                    write.Run(connection);
                    Execute(connection, "RELEASE op");
                }
                catch (Exception e)
                {
                    Execute(connection, "ROLLBACK TO op; RELEASE op");
                    write.Fail(e);
                }
            }

            Execute(connection, "COMMIT");
        }
        catch (Exception e)
        {
            _logger.LogError(e, "SQLite group commit of {Count} writes failed", batch.Count);
            TryRollback(connection);
            foreach (var write in batch)
            {
                write.Abort(e);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Succeed();
        }
    }

    private static void TryRollback(SqliteConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (SqliteException)
        {
            // No transaction was open.
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        if (_writer.IsValueCreated)
        {
            await _writer.Value;
        }

        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private interface IWrite
    {
        long QueuedAt { get; }

        void Run(SqliteConnection connection);
        void Fail(Exception e);
        void Succeed();
        void Abort(Exception e);
    }

    private sealed class Write<T>(Func<SqliteConnection, T> work) : IWrite
    {
        public long QueuedAt { get; } = Environment.TickCount64;

        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run(SqliteConnection connection) => _result = work(connection);

        public void Fail(Exception e) => _error ??= e;

        public void Succeed()
        {
            if (_error is null)
            {
                Completion.TrySetResult(_result!);
            }
            else
            {
                Completion.TrySetException(_error);
            }
        }

        public void Abort(Exception e) => Completion.TrySetException(e);
    }
}
