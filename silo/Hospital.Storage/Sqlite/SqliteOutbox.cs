using Hospital.Contracts.Changes;
using Hospital.Contracts.Common;
using Microsoft.Data.Sqlite;

namespace Hospital.Storage.Sqlite;

/// <summary>The outbox in the all-in-one file: rows are added inside grain commits and claimed by the one sweeper.</summary>
public sealed class SqliteOutbox(SqliteDatabase database, TimeProvider clock) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(TimeSpan lease, int max, TimeSpan lookAhead = default, CancellationToken cancellationToken = default)
    {
        // Most sweeps find nothing due: look before queueing a write behind the grains' commits.
        var anyDue = await database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM outbox WHERE due_at <= $now)";
            command.Parameters.AddWithValue("$now", HospitalClock.Format(clock.GetUtcNow() + lookAhead));
            return (long)command.ExecuteScalar()! == 1;
        });
        return anyDue ? await Claim(lease, max, lookAhead) : [];
    }

    private Task<IReadOnlyList<OutboxRow>> Claim(TimeSpan lease, int max, TimeSpan lookAhead) =>
        database.WriteAsync<IReadOnlyList<OutboxRow>>(connection =>
        {
            var now = clock.GetUtcNow();
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE outbox SET due_at = $lease
                WHERE id IN (SELECT id FROM outbox WHERE due_at <= $now ORDER BY due_at LIMIT $max)
                RETURNING id, due_at, payload
                """;
            command.Parameters.AddWithValue("$now", HospitalClock.Format(now + lookAhead));
            command.Parameters.AddWithValue("$lease", HospitalClock.Format(now + lease));
            command.Parameters.AddWithValue("$max", max);
            using var reader = command.ExecuteReader();
            var rows = new List<OutboxRow>();
            while (reader.Read())
            {
                rows.Add(new OutboxRow(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture), (byte[])reader.GetValue(2)));
            }

            return rows;
        });

    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        ids.Count == 0 ? Task.CompletedTask : database.WriteAsync(connection => Delete(connection, ids));

    internal static int Delete(SqliteConnection connection, IEnumerable<string> ids)
    {
        var deleted = 0;
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM outbox WHERE id = $id";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        foreach (var each in ids)
        {
            id.Value = each;
            deleted += command.ExecuteNonQuery();
        }

        return deleted;
    }

    internal static void Insert(SqliteConnection connection, IEnumerable<OutboxRow> rows, DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO outbox (id, due_at, payload, created_at) VALUES ($id, $due, $payload, $now) ON CONFLICT (id) DO NOTHING";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var due = command.Parameters.Add("$due", SqliteType.Text);
        var payload = command.Parameters.Add("$payload", SqliteType.Blob);
        command.Parameters.AddWithValue("$now", HospitalClock.Format(now));
        foreach (var row in rows)
        {
            id.Value = row.Id;
            due.Value = HospitalClock.Format(row.DueAt);
            payload.Value = row.Payload;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Everything a grain staged with its state, on the writer's connection inside the state's savepoint.</summary>
    internal static void Apply(SqliteConnection connection, StagedChange change, DateTimeOffset now)
    {
        foreach (var entry in change.Journal)
        {
            SqliteJournal.Insert(connection, entry, now);
        }

        Insert(connection, change.Outbox, now);
        Delete(connection, change.Done);
        if (change.IndexedPatient is { } patient)
        {
            SqlitePatientIndex.Upsert(connection, patient);
        }

        if (change.Hl7Message is { } message)
        {
            SqliteHl7MessageLog.Insert(connection, message);
        }

        if (change.Ledger is { } ledger)
        {
            SqliteBillingLedger.Apply(connection, ledger);
        }
    }
}
