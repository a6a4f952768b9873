using System.Text;
using Hospital.Contracts.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Hospital.Storage.Postgres;

/// <summary>
/// The journal on PostgreSQL. Appends are group-committed by <see cref="PostgresWriter"/>, in the same transactions as
/// the grain state written at the same time; a caller's task completes after its transaction commits.
/// </summary>
public sealed class PostgresJournal(NpgsqlDataSource dataSource, PostgresWriter writer) : IJournal
{
    public async Task<long> AppendAsync(JournalAppend entry, CancellationToken cancellationToken = default) =>
        (await AppendBatchAsync([entry], cancellationToken))[0];

    public Task<IReadOnlyList<long>> AppendBatchAsync(IReadOnlyList<JournalAppend> entries, CancellationToken cancellationToken = default) =>
        writer.Submit(new Appends(entries));

    /// <summary>Entries appended in one transaction, with consecutive positions in the order given.</summary>
    private sealed class Appends(IReadOnlyList<JournalAppend> entries) : PostgresWrite<IReadOnlyList<long>>
    {
        internal override int Statements => entries.Count;

        internal override void AddTo(NpgsqlBatch batch)
        {
            foreach (var entry in entries)
            {
                var command = new NpgsqlBatchCommand(InsertSql);
                Bind(command.Parameters, entry);
                batch.BatchCommands.Add(command);
            }
        }

        internal override async Task ReadAsync(NpgsqlDataReader reader)
        {
            var sequences = new List<long>(entries.Count);
            foreach (var _ in entries)
            {
                sequences.AddRange(await RowsAsync(reader, r => r.GetInt64(0)));
            }

            Result = sequences;
        }
    }

    private const string InsertSql = """
            INSERT INTO hospital_journal (occurred_at, kind, entity_id, patient_id, actor, payload)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq
            """;

    internal static void Bind(NpgsqlParameterCollection parameters, JournalAppend entry)
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
        if (query.ExcludeKind is { } excluded) Where("kind", "<>", excluded);
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
