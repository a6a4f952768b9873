using System.Globalization;
using System.Text;
using Hospital.Contracts.Common;
using Hospital.Contracts.Journal;
using Microsoft.Data.Sqlite;

namespace Hospital.Storage.Sqlite;

public sealed class SqliteJournal(SqliteDatabase database, TimeProvider clock) : IJournal
{
    public async Task<long> AppendAsync(JournalAppend entry, CancellationToken cancellationToken = default) =>
        (await AppendBatchAsync([entry], cancellationToken))[0];

    public Task<IReadOnlyList<long>> AppendBatchAsync(IReadOnlyList<JournalAppend> entries, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<long>>(connection => entries.Select(entry => Insert(connection, entry, clock.GetUtcNow())).ToList());

    /// <summary>Appends one entry on the writer's connection (inside its transaction).</summary>
    internal static long Insert(SqliteConnection connection, JournalAppend entry, DateTimeOffset recordedAt)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO journal (occurred_at, recorded_at, kind, entity_id, patient_id, actor, payload)
            VALUES ($occurred, $recorded, $kind, $entity, $patient, $actor, $payload)
            RETURNING seq
            """;
        command.Parameters.AddWithValue("$occurred", HospitalClock.Format(entry.OccurredAt));
        command.Parameters.AddWithValue("$recorded", HospitalClock.Format(recordedAt));
        command.Parameters.AddWithValue("$kind", entry.Kind);
        command.Parameters.AddWithValue("$entity", entry.EntityId);
        command.Parameters.AddWithValue("$patient", (object?)entry.PatientId ?? DBNull.Value);
        command.Parameters.AddWithValue("$actor", entry.Actor);
        command.Parameters.AddWithValue("$payload", entry.Payload);
        return (long)command.ExecuteScalar()!;
    }

    public Task<IReadOnlyList<JournalEntry>> QueryAsync(JournalQuery query, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<JournalEntry>>(connection =>
        {
            using var command = connection.CreateCommand();
            var sql = new StringBuilder("SELECT seq, occurred_at, recorded_at, kind, entity_id, patient_id, actor, payload FROM journal WHERE 1=1");
            void Where(string clause, string name, object value)
            {
                sql.Append(" AND ").Append(clause);
                command.Parameters.AddWithValue(name, value);
            }

            if (query.EntityId is { } entity) Where("entity_id = $entity", "$entity", entity);
            if (query.PatientId is { } patient) Where("patient_id = $patient", "$patient", patient);
            if (query.Kind is { } kind) Where("kind = $kind", "$kind", kind);
            if (query.ExcludeKind is { } excluded) Where("kind <> $excluded", "$excluded", excluded);
            if (query.From is { } from) Where("occurred_at >= $from", "$from", HospitalClock.Format(from));
            if (query.To is { } to) Where("occurred_at < $to", "$to", HospitalClock.Format(to));
            if (query.AfterSequence is { } after) Where("seq > $after", "$after", after);
            sql.Append(" ORDER BY seq LIMIT $limit");
            command.Parameters.AddWithValue("$limit", query.Limit);
            command.CommandText = sql.ToString();

            var entries = new List<JournalEntry>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new JournalEntry(
                    reader.GetInt64(0), ParseTime(reader.GetString(1)), ParseTime(reader.GetString(2)), reader.GetString(3),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7)));
            }

            return entries;
        });

    private static DateTimeOffset ParseTime(string text) => HospitalClock.Parse(text);
}
