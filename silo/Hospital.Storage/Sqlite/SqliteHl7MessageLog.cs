using Hospital.Contracts.Common;
using Hospital.Contracts.Interop;
using Microsoft.Data.Sqlite;

namespace Hospital.Storage.Sqlite;

public sealed class SqliteHl7MessageLog(SqliteDatabase database) : IHl7MessageLog
{
    public Task AppendAsync(Hl7MessageRecord record, CancellationToken cancellationToken = default) =>
        database.WriteAsync(connection => Insert(connection, record));

    /// <summary>Writes the row on the writer's connection (inside its transaction).</summary>
    internal static int Insert(SqliteConnection connection, Hl7MessageRecord record)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO hl7_messages (sender, control_id, message_type, mrn, ack_code, error, raw, ack, received_at, answered_at, peer)
            VALUES ($sender, $control, $type, $mrn, $code, $error, $raw, $ack, $received, $answered, $peer)
            """;
        command.Parameters.AddWithValue("$sender", record.Sender);
        command.Parameters.AddWithValue("$control", record.ControlId);
        command.Parameters.AddWithValue("$type", record.MessageType);
        command.Parameters.AddWithValue("$mrn", (object?)record.Mrn ?? DBNull.Value);
        command.Parameters.AddWithValue("$code", record.AckCode);
        command.Parameters.AddWithValue("$error", (object?)record.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("$raw", record.Raw);
        command.Parameters.AddWithValue("$ack", record.Ack);
        command.Parameters.AddWithValue("$received", HospitalClock.Format(record.ReceivedAt));
        command.Parameters.AddWithValue("$answered", HospitalClock.Format(record.AnsweredAt));
        command.Parameters.AddWithValue("$peer", record.Peer);
        return command.ExecuteNonQuery();
    }

    public Task<IReadOnlyList<Hl7MessageRecord>> SearchAsync(string? controlId, string? mrn, int limit, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<Hl7MessageRecord>>(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT sender, control_id, message_type, mrn, ack_code, error, raw, ack, received_at, answered_at, peer FROM hl7_messages
                WHERE ($control IS NULL OR control_id = $control) AND ($mrn IS NULL OR mrn = $mrn)
                ORDER BY seq DESC LIMIT $limit
                """;
            command.Parameters.AddWithValue("$control", (object?)controlId ?? DBNull.Value);
            command.Parameters.AddWithValue("$mrn", (object?)mrn ?? DBNull.Value);
            command.Parameters.AddWithValue("$limit", limit);
            var found = new List<Hl7MessageRecord>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new Hl7MessageRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.GetString(6), reader.GetString(7), HospitalClock.Parse(reader.GetString(8)), HospitalClock.Parse(reader.GetString(9)),
                    reader.GetString(10)));
            }

            return found;
        });
}
