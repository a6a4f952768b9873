using System.Text;
using System.Threading.Channels;
using Hospital.Contracts.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Hospital.Storage.Postgres;

/// <summary>
/// The journal on PostgreSQL. Appends are group-committed: whatever arrives while a commit is in flight goes into the
/// next transaction, sent as one batch, so concurrent grains share a disk sync instead of queueing for one each. A
/// caller's task completes after its transaction commits. If a combined transaction fails, each append is retried on
/// its own so that one bad entry fails only its caller.
/// </summary>
public sealed class PostgresJournal(NpgsqlDataSource dataSource) : IJournal, IAsyncDisposable, IDisposable
{
    private const int MaxAppendsPerCommit = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _start = new();
    private Task? _writer;

    public async Task<long> AppendAsync(JournalAppend entry, CancellationToken cancellationToken = default) =>
        (await AppendBatchAsync([entry], cancellationToken))[0];

    public Task<IReadOnlyList<long>> AppendBatchAsync(IReadOnlyList<JournalAppend> entries, CancellationToken cancellationToken = default)
    {
        lock (_start)
        {
            _writer ??= Task.Run(WriteLoop);
        }

        var pending = new Pending(entries, new TaskCompletionSource<IReadOnlyList<long>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(PostgresJournal));
        }

        return pending.Done.Task;
    }

    private async Task WriteLoop()
    {
        var group = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxAppendsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            try
            {
                var sequences = await CommitAsync(group.SelectMany(p => p.Entries).ToList());
                var offset = 0;
                foreach (var pending in group)
                {
                    pending.Done.TrySetResult(sequences.Skip(offset).Take(pending.Entries.Count).ToList());
                    offset += pending.Entries.Count;
                }
            }
            catch when (group.Count > 1)
            {
                foreach (var pending in group)
                {
                    try
                    {
                        pending.Done.TrySetResult(await CommitAsync(pending.Entries));
                    }
                    catch (Exception e)
                    {
                        pending.Done.TrySetException(e);
                    }
                }
            }
            catch (Exception e)
            {
                group[0].Done.TrySetException(e);
            }

            group.Clear();
        }
    }

    /// <summary>One transaction, one round trip: the entries get consecutive positions in the order given.</summary>
    private async Task<List<long>> CommitAsync(IReadOnlyList<JournalAppend> entries)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var entry in entries)
        {
            var command = new NpgsqlBatchCommand(InsertSql);
            Bind(command.Parameters, entry);
            batch.BatchCommands.Add(command);
        }

        var sequences = new List<long>(entries.Count);
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            do
            {
                while (await reader.ReadAsync())
                {
                    sequences.Add(reader.GetInt64(0));
                }
            }
            while (await reader.NextResultAsync());
        }

        await transaction.CommitAsync();
        return sequences;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed record Pending(IReadOnlyList<JournalAppend> Entries, TaskCompletionSource<IReadOnlyList<long>> Done);

    private const string InsertSql = """
            INSERT INTO hospital_journal (occurred_at, kind, entity_id, patient_id, actor, payload)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq
            """;

    private static void Bind(NpgsqlParameterCollection parameters, JournalAppend entry)
    {
        parameters.Add(new NpgsqlParameter { Value = entry.OccurredAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = entry.Kind });
        parameters.Add(new NpgsqlParameter { Value = entry.EntityId });
        parameters.Add(new NpgsqlParameter { Value = (object?)entry.PatientId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = entry.Actor });
        parameters.Add(new NpgsqlParameter { Value = entry.Payload, NpgsqlDbType = NpgsqlDbType.Jsonb });
    }

    public async Task<IReadOnlyList<JournalEntry>> QueryAsync(JournalQuery query, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("SELECT seq, occurred_at, recorded_at, kind, entity_id, patient_id, actor, payload::text FROM hospital_journal WHERE TRUE");
        var parameters = new List<NpgsqlParameter>();
        void Where(string column, string op, object value, NpgsqlDbType? type = null)
        {
            parameters.Add(type is { } t ? new NpgsqlParameter { Value = value, NpgsqlDbType = t } : new NpgsqlParameter { Value = value });
            sql.Append($" AND {column} {op} ${parameters.Count}");
        }

        if (query.EntityId is { } entity) Where("entity_id", "=", entity);
        if (query.PatientId is { } patient) Where("patient_id", "=", patient);
        if (query.Kind is { } kind) Where("kind", "=", kind);
        if (query.From is { } from) Where("occurred_at", ">=", from.UtcDateTime, NpgsqlDbType.TimestampTz);
        if (query.To is { } to) Where("occurred_at", "<", to.UtcDateTime, NpgsqlDbType.TimestampTz);
        if (query.AfterSequence is { } after) Where("seq", ">", after);
        parameters.Add(new NpgsqlParameter { Value = query.Limit });
        sql.Append($" ORDER BY seq LIMIT ${parameters.Count}");

        await using var command = dataSource.CreateCommand(sql.ToString());
        command.Parameters.AddRange(parameters.ToArray());
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new JournalEntry(
                reader.GetInt64(0),
                new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero),
                new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero),
                reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6), reader.GetString(7)));
        }

        return entries;
    }
}
