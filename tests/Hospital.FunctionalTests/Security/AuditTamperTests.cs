using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hospital.Contracts.Security;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hospital.FunctionalTests.Security;

/// <summary>
/// Someone with write access to the database but not the audit key edits the audit trail the way an attacker would —
/// triggers dropped, rows inserted, deleted, changed, moved, the tail cut off and the recorded head rewritten — and
/// verify reports it.
/// </summary>
public sealed class AuditTamperTests : IDisposable
{
    private readonly string _dataDirectory = TestPaths.NewDataDirectory();
    private readonly string _keyDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hospital-keys-" + Guid.NewGuid().ToString("N")[..12])).FullName;
    private HospitalFactory _factory;

    public AuditTamperTests() => _factory = Start();

    public void Dispose()
    {
        _factory.Dispose();
        try
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task ARowForgedWithTheUnkeyedChainOfEarlierVersionsIsReported()
    {
        var admin = await TrafficAsync();
        var last = (await RowsAsync())[^1];
        var body = """{"roles":["Admin"],"action":"GET /api/patients/{mrn}","outcome":"Allowed","status":200,"patients":1}""";
        var occurred = last.OccurredAt;
        var at = DateTimeOffset.Parse(occurred, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var hash = AuditChain.LegacyHash(last.Hash, at, "H99999999", "someone", body);
        var forged = await InsertAsync(occurred, "H99999999", "someone", JsonSerializer.Serialize(new { previous = last.Hash, hash, body }));

        var verification = await VerifyAsync(admin);

        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(forged, verification.GetProperty("brokenAtSequence").GetInt64());
    }

    [Fact]
    public async Task ARowClaimingTheAuditKeyWithAGuessedHashIsReported()
    {
        var admin = await TrafficAsync();
        var last = (await RowsAsync())[^1];
        var guessed = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var forged = await InsertAsync(last.OccurredAt, "H99999999", "someone",
            JsonSerializer.Serialize(new { previous = last.Hash, hash = guessed, body = "{}", kid = last.KeyId }));

        var verification = await VerifyAsync(admin);

        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(forged, verification.GetProperty("brokenAtSequence").GetInt64());
    }

    [Fact]
    public async Task ARowNamingAKeyThisProcessDoesNotHaveAndNoHashIsReported()
    {
        var admin = await TrafficAsync();
        var last = (await RowsAsync())[^1];
        var forged = await InsertAsync(last.OccurredAt, "H99999999", "someone",
            JsonSerializer.Serialize(new { previous = last.Hash, body = "{}", kid = "not-a-key-we-have" }));

        var verification = await VerifyAsync(admin);

        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(forged, verification.GetProperty("brokenAtSequence").GetInt64());
    }

    [Fact]
    public async Task ADeletedRowIsReportedAtTheRowAfterIt()
    {
        var admin = await TrafficAsync();
        var rows = await RowsAsync();

        await ExecuteAsync("DELETE FROM journal WHERE seq = $seq", rows[2].Sequence);

        var verification = await VerifyAsync(admin);
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(rows[3].Sequence, verification.GetProperty("brokenAtSequence").GetInt64());
    }

    [Fact]
    public async Task AnAlteredRowIsReported()
    {
        var admin = await TrafficAsync();
        var rows = await RowsAsync();

        await ExecuteAsync("UPDATE journal SET patient_id = 'H00000000' WHERE seq = $seq", rows[1].Sequence);

        var verification = await VerifyAsync(admin);
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(rows[1].Sequence, verification.GetProperty("brokenAtSequence").GetInt64());
    }

    [Fact]
    public async Task TwoRowsSwappedAreReported()
    {
        var admin = await TrafficAsync();
        var rows = await RowsAsync();
        var (a, b) = (rows[1], rows[2]);

        await ExecuteAsync("UPDATE journal SET occurred_at = $o, patient_id = $p, actor = $a, payload = $j WHERE seq = $seq",
            a.Sequence, ("$o", b.OccurredAt), ("$p", (object?)b.PatientId ?? DBNull.Value), ("$a", b.Actor), ("$j", b.Payload));
        await ExecuteAsync("UPDATE journal SET occurred_at = $o, patient_id = $p, actor = $a, payload = $j WHERE seq = $seq",
            b.Sequence, ("$o", a.OccurredAt), ("$p", (object?)a.PatientId ?? DBNull.Value), ("$a", a.Actor), ("$j", a.Payload));

        var verification = await VerifyAsync(admin);
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(a.Sequence, verification.GetProperty("brokenAtSequence").GetInt64());
    }

    [Fact]
    public async Task ACutOffTailWithARewrittenHeadIsCaughtByThePublishedCheckpoints()
    {
        await TrafficAsync();
        _factory.Dispose();
        var rows = await RowsAsync();
        var kept = rows[^4];

        // Stopped, the attacker removes the last three entries and makes the recorded head agree with what is left.
        await ExecuteAsync("DELETE FROM journal WHERE kind = 'Audit' AND seq > $seq", kept.Sequence);
        await RewriteHeadAsync(rows.Count - 3, kept.Sequence, kept.Hash);
        _factory = Start();
        var admin = _factory.CreateClient();

        var verification = await VerifyAsync(admin);

        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Contains("cut off the end", verification.GetProperty("problem").GetString());
        Assert.True(verification.GetProperty("checkpoints").GetInt32() > 0);
    }

    [Fact]
    public async Task AfterARestartOnATamperedTrailThePlatformStillAnswersAndStillAudits()
    {
        await TrafficAsync();
        _factory.Dispose();
        var last = (await RowsAsync())[^1];
        await InsertAsync(last.OccurredAt, "H99999999", "someone", JsonSerializer.Serialize(new { previous = last.Hash, hash = last.Hash, body = "{}", kid = last.KeyId }));
        _factory = Start();
        var admin = _factory.CreateClient();
        var before = (await RowsAsync()).Count;

        var mrn = await Requests.RegisterAsync(admin);
        var read = await admin.GetAsync($"/api/patients/{mrn}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True((await RowsAsync()).Count > before);
        Assert.False((await VerifyAsync(admin)).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task AnAlteredCheckpointIsReported()
    {
        var admin = await TrafficAsync();
        await Task.Delay(300);
        var file = Directory.GetFiles(_keyDirectory, "audit-checkpoints.jsonl", SearchOption.AllDirectories).Single();
        var lines = await File.ReadAllLinesAsync(file);
        var mark = JsonNode.Parse(lines[^1])!;
        mark["count"] = mark["count"]!.GetValue<long>() - 2;
        lines[^1] = mark.ToJsonString();
        await File.WriteAllLinesAsync(file, lines);

        var verification = await VerifyAsync(admin);

        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Contains("checkpoint", verification.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task AnUntouchedTrailVerifiesAgainstItsCheckpoints()
    {
        var admin = await TrafficAsync();
        await Task.Delay(300);

        var verification = await VerifyAsync(admin);

        Assert.True(verification.GetProperty("valid").GetBoolean(), verification.ToString());
        Assert.True(verification.GetProperty("checkpoints").GetInt32() > 0);
    }

    private HospitalFactory Start() => new HospitalFactory()
        .With("Hospital:DataDirectory", _dataDirectory)
        .With("Hospital:KeyDirectory", _keyDirectory)
        .With("Hospital:Audit:CheckpointInterval", "00:00:00.100");

    private async Task<HttpClient> TrafficAsync()
    {
        var admin = _factory.CreateClient();
        for (var i = 0; i < 6; i++)
        {
            var mrn = await Requests.RegisterAsync(admin);
            (await admin.GetAsync($"/api/patients/{mrn}")).EnsureSuccessStatusCode();
        }

        Assert.True((await VerifyAsync(admin)).GetProperty("valid").GetBoolean());
        return admin;
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient admin) => await (await admin.GetAsync("/api/audit/verify")).ReadJsonAsync();

    private sealed record Row(long Sequence, string OccurredAt, string? PatientId, string Actor, string Payload)
    {
        private JsonElement Stored => JsonDocument.Parse(Payload).RootElement;

        public string Hash => Stored.GetProperty("hash").GetString()!;

        public string? KeyId => Stored.TryGetProperty("kid", out var kid) ? kid.GetString() : null;
    }

    private SqliteConnection Open() => new($"Data Source={Path.Combine(_dataDirectory, "hospital.db")};Pooling=False");

    private async Task<List<Row>> RowsAsync()
    {
        await using var db = Open();
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT seq, occurred_at, patient_id, actor, payload FROM journal WHERE kind = 'Audit' ORDER BY seq";
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return rows;
    }

    private async Task ExecuteAsync(string sql, long seq, params (string Name, object Value)[] values)
    {
        await using var db = Open();
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS journal_no_update; DROP TRIGGER IF EXISTS journal_no_delete; " + sql;
        command.Parameters.AddWithValue("$seq", seq);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value);
        }

        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }

    private async Task<long> InsertAsync(string occurredAt, string? patient, string actor, string payload)
    {
        await using var db = Open();
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = """
            INSERT INTO journal (occurred_at, recorded_at, kind, entity_id, patient_id, actor, payload)
            VALUES ($o, $o, 'Audit', 'audit', $p, $a, $j);
            SELECT last_insert_rowid();
            """;
        command.Parameters.AddWithValue("$o", occurredAt);
        command.Parameters.AddWithValue("$p", (object?)patient ?? DBNull.Value);
        command.Parameters.AddWithValue("$a", actor);
        command.Parameters.AddWithValue("$j", payload);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task RewriteHeadAsync(long count, long sequence, string hash)
    {
        await using var db = Open();
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "UPDATE grain_state SET payload = $payload WHERE state_name = 'audit-trail'";
        command.Parameters.AddWithValue("$payload", JsonSerializer.SerializeToUtf8Bytes(new { count, headSequence = sequence, headHash = hash }));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
