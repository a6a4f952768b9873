using System.Globalization;
using Hospital.Contracts.Changes;
using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hospital.Storage.Postgres;

/// <summary>
/// Orleans grain storage on PostgreSQL with optimistic concurrency, group-committed through <see cref="PostgresWriter"/>
/// together with the journal: the etag is a per-row version, and a write or clear that does not carry the current
/// one raises <see cref="InconsistentStateException"/> and changes nothing. Same rules as the SQLite storage.
/// </summary>
public sealed class PostgresGrainStorage(NpgsqlDataSource dataSource, PostgresWriter writer, IGrainStorageSerializer serializer, string serviceId, ChangeStage stage) : IGrainStorage
{
    /// <summary>One grain's row; <see cref="Key"/> binds $1-$3.</summary>
    private string ServiceId => serviceId;

    private const string ByKey = "FROM hospital_grain_state WHERE service_id = $1 AND grain_id = $2 AND state_name = $3";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = dataSource.CreateCommand($"SELECT etag, payload {ByKey}");
        Key(command.Parameters, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        if (reader.IsDBNull(1))
        {
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }
        else
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(1)));
            grainState.RecordExists = true;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var staged = stage.Take(grainId);
        var payload = serializer.Serialize(grainState.State).ToArray();
        grainState.ETag = await Change(stateName, grainId, grainState.ETag, payload, "write", staged);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var staged = stage.Take(grainId);
        if (grainState.ETag is null)
        {
            // Nothing was ever stored under this id, or the caller does not care which version it clears.
            await using var command = dataSource.CreateCommand($"SELECT etag {ByKey}");
            Key(command.Parameters, stateName, grainId);
            if (await command.ExecuteScalarAsync() is not long existing)
            {
                grainState.RecordExists = false;
                grainState.State = Activator.CreateInstance<T>();
                return;
            }

            grainState.ETag = existing.ToString(CultureInfo.InvariantCulture);
        }

        grainState.ETag = await Change(stateName, grainId, grainState.ETag, null, "clear", staged);
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private async Task<string> Change(string stateName, GrainId grainId, string? expectedEtag, byte[]? payload, string operation, StagedChange? staged)
    {
        long? expected = null;
        if (expectedEtag is not null)
        {
            expected = long.TryParse(expectedEtag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw Inconsistent(grainId, operation, expectedEtag, "unparseable etag");
        }

        var etag = await writer.Submit(new StateChange(this, stateName, grainId, expected, payload, staged));
        return etag?.ToString(CultureInfo.InvariantCulture) ?? throw Inconsistent(grainId, operation, expectedEtag, "the stored version differs");
    }

    private void Key(NpgsqlParameterCollection parameters, string stateName, GrainId grainId)
    {
        parameters.Add(new NpgsqlParameter { Value = serviceId, NpgsqlDbType = NpgsqlDbType.Varchar });
        parameters.Add(new NpgsqlParameter { Value = grainId.ToString(), NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = stateName, NpgsqlDbType = NpgsqlDbType.Varchar });
    }

    private static InconsistentStateException Inconsistent(GrainId grainId, string operation, string? expected, string why) =>
        new($"Stale {operation} of {grainId}: {why}.", "unknown", expected ?? "none");

    /// <summary>
    /// Inserts (no etag) or updates (matching etag) the row, stamping it with a fresh write id; what the grain staged
    /// with it (journal lines, outbox rows, index row) is written only where that write id is now on the row, so a stale
    /// write takes its staged change down with it. The result is the new etag, or null when stale.
    /// </summary>
    private sealed class StateChange(PostgresGrainStorage storage, string stateName, GrainId grainId, long? expected, byte[]? payload, StagedChange? staged)
        : PostgresWrite<long?>
    {
        private const string InsertSql = """
            INSERT INTO hospital_grain_state (service_id, grain_id, state_name, grain_type, etag, payload, write_id)
            VALUES ($1, $2, $3, $4, 1, $5, $6)
            ON CONFLICT (service_id, grain_id, state_name) DO NOTHING
            RETURNING etag
            """;

        private const string UpdateSql = """
            UPDATE hospital_grain_state SET etag = etag + 1, payload = $4, write_id = $5, updated_at = clock_timestamp()
            WHERE service_id = $1 AND grain_id = $2 AND state_name = $3 AND etag = $6
            RETURNING etag
            """;

        private readonly Guid _writeId = Guid.NewGuid();

        internal override int Statements => 1 + (staged is null ? 0 : PostgresStagedChange.Statements(staged));

        internal override void AddTo(NpgsqlBatch batch)
        {
            var command = new NpgsqlBatchCommand(expected is null ? InsertSql : UpdateSql);
            storage.Key(command.Parameters, stateName, grainId);
            if (expected is null)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = grainId.Type.ToString(), NpgsqlDbType = NpgsqlDbType.Varchar });
            }

            command.Parameters.Add(new NpgsqlParameter { Value = (object?)payload ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
            command.Parameters.Add(new NpgsqlParameter { Value = _writeId, NpgsqlDbType = NpgsqlDbType.Uuid });
            if (expected is { } etag)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = etag, NpgsqlDbType = NpgsqlDbType.Bigint });
            }

            batch.BatchCommands.Add(command);
            if (staged is not null)
            {
                PostgresStagedChange.AddTo(batch, staged, new PostgresStagedChange.Guard(storage.ServiceId, grainId.ToString(), stateName, _writeId));
            }
        }

        internal override async Task ReadAsync(NpgsqlDataReader reader)
        {
            var rows = await RowsAsync(reader, r => r.GetInt64(0));
            Result = rows.Count == 1 ? rows[0] : null;
            for (var i = 1; i < Statements; i++)
            {
                await RowsAsync(reader, _ => 0);
            }
        }
    }
}
