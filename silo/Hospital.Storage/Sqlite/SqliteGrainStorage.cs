using System.Globalization;
using Hospital.Contracts.Changes;
using Hospital.Contracts.Common;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Storage;

namespace Hospital.Storage.Sqlite;

/// <summary>
/// Orleans grain storage on SQLite with optimistic concurrency: the etag is a per-row version, and a write or clear
/// that does not carry the current one raises <see cref="InconsistentStateException"/> and changes nothing.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, IGrainStorageSerializer serializer, TimeProvider clock, ChangeStage stage) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT etag, payload FROM grain_state WHERE grain_id = $id AND state_name = $name";
            command.Parameters.AddWithValue("$id", grainId.ToString());
            command.Parameters.AddWithValue("$name", stateName);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                grainState.ETag = null;
                grainState.RecordExists = false;
                return 0;
            }

            grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
            if (reader.IsDBNull(1))
            {
                grainState.RecordExists = false;
                grainState.State = Activator.CreateInstance<T>();
            }
            else
            {
                grainState.State = serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1)));
                grainState.RecordExists = true;
            }

            return 0;
        });

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var staged = stage.Take(grainId);
        var payload = serializer.Serialize(grainState.State).ToArray();
        var etag = await Change(stateName, grainId, grainState.ETag, payload, "write", staged);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var staged = stage.Take(grainId);
        if (grainState.ETag is null)
        {
            // Nothing was ever stored under this id, or the caller does not care which version it clears.
            var existing = await CurrentEtag(stateName, grainId);
            if (existing is null)
            {
                grainState.RecordExists = false;
                grainState.State = Activator.CreateInstance<T>();
                return;
            }

            grainState.ETag = existing;
        }

        grainState.ETag = await Change(stateName, grainId, grainState.ETag, null, "clear", staged);
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private Task<string?> CurrentEtag(string stateName, GrainId grainId) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT etag FROM grain_state WHERE grain_id = $id AND state_name = $name";
            command.Parameters.AddWithValue("$id", grainId.ToString());
            command.Parameters.AddWithValue("$name", stateName);
            return command.ExecuteScalar() is long etag ? etag.ToString(CultureInfo.InvariantCulture) : null;
        });

    /// <summary>
    /// Inserts (no etag) or updates (matching etag) the row, and commits what the grain staged with it in the same
    /// savepoint; returns the new etag.
    /// </summary>
    private Task<string> Change(string stateName, GrainId grainId, string? expectedEtag, byte[]? payload, string operation, StagedChange? staged) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.Parameters.AddWithValue("$id", grainId.ToString());
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$type", grainId.Type.ToString());
            command.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
            command.Parameters.AddWithValue("$now", HospitalClock.Format(clock.GetUtcNow()));
            if (expectedEtag is null)
            {
                command.CommandText = """
                    INSERT INTO grain_state (grain_id, state_name, grain_type, etag, payload, updated_at)
                    VALUES ($id, $name, $type, 1, $payload, $now)
                    ON CONFLICT (grain_id, state_name) DO NOTHING
                    RETURNING etag
                    """;
            }
            else
            {
                if (!long.TryParse(expectedEtag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
                {
                    throw Inconsistent(grainId, operation, expectedEtag, "unparseable etag");
                }

                command.Parameters.AddWithValue("$etag", expected);
                command.CommandText = """
                    UPDATE grain_state SET etag = etag + 1, payload = $payload, updated_at = $now
                    WHERE grain_id = $id AND state_name = $name AND etag = $etag
                    RETURNING etag
                    """;
            }

            if (command.ExecuteScalar() is not long etag)
            {
                throw Inconsistent(grainId, operation, expectedEtag, "the stored version differs");
            }

            if (staged is not null)
            {
                SqliteOutbox.Apply(connection, staged, clock.GetUtcNow());
            }

            return etag.ToString(CultureInfo.InvariantCulture);
        });

    private static InconsistentStateException Inconsistent(GrainId grainId, string operation, string? expected, string why) =>
        new($"Stale {operation} of {grainId}: {why}.", "unknown", expected ?? "none");
}
