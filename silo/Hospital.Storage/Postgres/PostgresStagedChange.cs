using Hospital.Contracts.Changes;
using Hospital.Contracts.Patients;
using Npgsql;
using NpgsqlTypes;

namespace Hospital.Storage.Postgres;

/// <summary>
/// The statements that commit what a grain staged with its state write. Each runs only where the grain's row carries
/// the write's id (<see cref="Guard"/>), so a stale state write commits none of them; each returns a result set, as
/// the writer requires.
/// </summary>
internal static class PostgresStagedChange
{
    /// <summary>The grain row and write id every staged statement is conditional on.</summary>
    internal sealed record Guard(string ServiceId, string GrainId, string StateName, Guid WriteId)
    {
        /// <summary>The condition, binding the four values as the next parameters of <paramref name="parameters"/>.</summary>
        public string Bind(NpgsqlParameterCollection parameters)
        {
            var first = parameters.Count + 1;
            parameters.Add(new NpgsqlParameter { Value = ServiceId, NpgsqlDbType = NpgsqlDbType.Varchar });
            parameters.Add(new NpgsqlParameter { Value = GrainId, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter { Value = StateName, NpgsqlDbType = NpgsqlDbType.Varchar });
            parameters.Add(new NpgsqlParameter { Value = WriteId, NpgsqlDbType = NpgsqlDbType.Uuid });
            return $"EXISTS (SELECT 1 FROM hospital_grain_state WHERE service_id = ${first} AND grain_id = ${first + 1} AND state_name = ${first + 2} AND write_id = ${first + 3})";
        }
    }

    public static int Statements(StagedChange change) =>
        change.Journal.Count + (change.Outbox.Count > 0 ? 1 : 0) + (change.Done.Count > 0 ? 1 : 0) + (change.IndexedPatient is null ? 0 : 1)
        + (change.Hl7Message is null ? 0 : 1) + (change.Ledger is null ? 0 : change.Ledger.Lines.Count > 0 ? 2 : 1);

    public static void AddTo(NpgsqlBatch batch, StagedChange change, Guard guard)
    {
        foreach (var entry in change.Journal)
        {
            var command = new NpgsqlBatchCommand();
            PostgresJournal.Bind(command.Parameters, entry);
            command.CommandText = $"""
                INSERT INTO hospital_journal (occurred_at, kind, entity_id, patient_id, actor, payload)
                SELECT $1, $2, $3, $4, $5, $6 WHERE {guard.Bind(command.Parameters)} RETURNING seq
                """;
            batch.BatchCommands.Add(command);
        }

        if (change.Outbox.Count > 0)
        {
            var command = new NpgsqlBatchCommand();
            command.Parameters.Add(new NpgsqlParameter { Value = guard.ServiceId, NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = change.Outbox.Select(r => r.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = change.Outbox.Select(r => r.DueAt.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = change.Outbox.Select(r => r.Payload).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            command.CommandText = $"""
                INSERT INTO hospital_outbox (service_id, id, due_at, payload)
                SELECT $1, u.id, u.due, u.payload FROM unnest($2, $3, $4) AS u(id, due, payload) WHERE {guard.Bind(command.Parameters)}
                ON CONFLICT (service_id, id) DO NOTHING RETURNING id
                """;
            batch.BatchCommands.Add(command);
        }

        if (change.Done.Count > 0)
        {
            var command = new NpgsqlBatchCommand();
            command.Parameters.Add(new NpgsqlParameter { Value = guard.ServiceId, NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = change.Done.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.CommandText = $"DELETE FROM hospital_outbox WHERE service_id = $1 AND id = ANY($2) AND {guard.Bind(command.Parameters)} RETURNING id";
            batch.BatchCommands.Add(command);
        }

        if (change.IndexedPatient is { } patient)
        {
            var command = new NpgsqlBatchCommand();
            PostgresPatientIndex.Bind(command.Parameters, patient);
            command.CommandText = PostgresPatientIndex.UpsertSql($"WHERE {guard.Bind(command.Parameters)}");
            batch.BatchCommands.Add(command);
        }

        if (change.Hl7Message is { } message)
        {
            var command = new NpgsqlBatchCommand();
            PostgresHl7MessageLog.Bind(command.Parameters, message);
            command.CommandText = PostgresHl7MessageLog.InsertSql($"WHERE {guard.Bind(command.Parameters)}");
            batch.BatchCommands.Add(command);
        }

        if (change.Ledger is { } ledger)
        {
            foreach (var command in PostgresBillingLedger.Commands(ledger, parameters => $"WHERE {guard.Bind(parameters)}"))
            {
                batch.BatchCommands.Add(command);
            }
        }
    }
}
