using Hospital.Contracts.Changes;
using Npgsql;
using NpgsqlTypes;

namespace Hospital.Storage.Postgres;

/// <summary>
/// The outbox on PostgreSQL. Rows are added inside grain commits; sweepers on every silo claim due rows with
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease, so two silos do not deliver the same row at once (and a silo that dies
/// lets its lease lapse). Deletions of delivered rows are group-committed with everything else.
/// </summary>
public sealed class PostgresOutbox(NpgsqlDataSource dataSource, PostgresWriter writer, string serviceId) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(TimeSpan lease, int max, TimeSpan lookAhead = default, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE hospital_outbox o SET due_at = clock_timestamp() + $3
            FROM (SELECT id FROM hospital_outbox WHERE service_id = $1 AND due_at <= clock_timestamp() + $4
                  ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
            WHERE o.service_id = $1 AND o.id = due.id
            RETURNING o.id, o.due_at, o.payload
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = max, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter { Value = lease, NpgsqlDbType = NpgsqlDbType.Interval });
        command.Parameters.Add(new NpgsqlParameter { Value = lookAhead, NpgsqlDbType = NpgsqlDbType.Interval });
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OutboxRow(reader.GetString(0), new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), reader.GetFieldValue<byte[]>(2)));
        }

        return rows;
    }

    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        ids.Count == 0 ? Task.CompletedTask : writer.Submit(new Delete(serviceId, [.. ids]));

    private sealed class Delete(string serviceId, string[] ids) : PostgresWrite<int>
    {
        internal override void AddTo(NpgsqlBatch batch)
        {
            var command = new NpgsqlBatchCommand("DELETE FROM hospital_outbox WHERE service_id = $1 AND id = ANY($2) RETURNING id");
            command.Parameters.Add(new NpgsqlParameter { Value = serviceId, NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            batch.BatchCommands.Add(command);
        }

        internal override async Task ReadAsync(NpgsqlDataReader reader) => Result = (await RowsAsync(reader, _ => 0)).Count;
    }
}
