using Hospital.Contracts.Interop;
using Npgsql;
using NpgsqlTypes;

namespace Hospital.Storage.Postgres;

/// <summary>The interface log; a message's row is committed with its inbound grain's outcome (see <see cref="PostgresStagedChange"/>).</summary>
public sealed class PostgresHl7MessageLog(NpgsqlDataSource dataSource) : IHl7MessageLog
{
    /// <summary>The insert of one row ($1-$11, see <see cref="Bind"/>), optionally conditional.</summary>
    internal static string InsertSql(string condition) => $"""
        INSERT INTO hospital_hl7_messages (sender, control_id, message_type, mrn, ack_code, error, raw, ack, received_at, answered_at, peer)
        SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 {condition}
        RETURNING seq
        """;

    internal static void Bind(NpgsqlParameterCollection parameters, Hl7MessageRecord record)
    {
        parameters.Add(new NpgsqlParameter { Value = record.Sender, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = record.ControlId, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = record.MessageType, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = (object?)record.Mrn ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = record.AckCode, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = (object?)record.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = record.Raw, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = record.Ack, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = record.ReceivedAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = record.AnsweredAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = record.Peer, NpgsqlDbType = NpgsqlDbType.Varchar });
    }

    public async Task AppendAsync(Hl7MessageRecord record, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(InsertSql(""));
        Bind(command.Parameters, record);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Hl7MessageRecord>> SearchAsync(string? controlId, string? mrn, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT sender, control_id, message_type, mrn, ack_code, error, raw, ack, received_at, answered_at, peer FROM hospital_hl7_messages
            WHERE ($1::varchar IS NULL OR control_id = $1) AND ($2::varchar IS NULL OR mrn = $2)
            ORDER BY seq DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)controlId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)mrn ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var found = new List<Hl7MessageRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new Hl7MessageRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6), reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetString(10)));
        }

        return found;
    }
}
