using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Hospital.FunctionalTests.Security;

/// <summary>Signing keys live outside the data, rotate by id with an overlap, and bad ones stop the start.</summary>
public sealed class KeyRingTests : IDisposable
{
    private static readonly string KeyA = Convert.ToBase64String(Encoding.UTF8.GetBytes("key-a-0123456789abcdef0123456789ab"));
    private static readonly string KeyB = Convert.ToBase64String(Encoding.UTF8.GetBytes("key-b-0123456789abcdef0123456789ab"));
    private readonly string _dataDirectory = TestPaths.NewDataDirectory();
    private readonly string _keyDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hospital-keys-" + Guid.NewGuid().ToString("N")[..12])).FullName;
    private readonly List<HospitalFactory> _started = [];

    public void Dispose()
    {
        _started.ForEach(f => f.Dispose());
        try
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task TheDatabaseHoldsNoKeyAndTheKeyFilesAreTheOwnersOnly()
    {
        var hospital = Start();
        await TestAuth.TokenAsync(hospital.CreateAnonymousClient());
        hospital.Dispose();

        var keys = Directory.GetFiles(_keyDirectory, "*.key").Select(f => File.ReadAllText(f).Trim()).ToList();
        var everything = await DatabaseTextAsync();

        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.DoesNotContain(k, everything));
        Assert.DoesNotContain("signingKey", everything);
        Assert.All(Directory.GetFiles(_keyDirectory, "*.key"), f =>
            Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite)));
    }

    [Fact]
    public async Task ASigningKeyAnEarlierVersionKeptInTheUserDirectoryIsErasedWhenItActivates()
    {
        var first = Start();
        await TestAuth.TokenAsync(first.CreateAnonymousClient());
        first.Dispose();
        await EditUsersAsync(users => users["signingKey"] = KeyA);

        var second = Start();
        await TestAuth.TokenAsync(second.CreateAnonymousClient());
        second.Dispose();

        Assert.DoesNotContain(KeyA, await DatabaseTextAsync());
    }

    [Fact]
    public async Task ARotationKeepsOldTokensUntilTheirKeyIsRemoved()
    {
        var first = Start(("Hospital:Auth:SigningKeys:a", KeyA));
        var old = await TestAuth.TokenAsync(first.CreateAnonymousClient());
        first.Dispose();
        Assert.Equal("a", Kid(old));

        var both = Start(("Hospital:Auth:SigningKeys:a", KeyA), ("Hospital:Auth:SigningKeys:b", KeyB), ("Hospital:Auth:SigningKeyId", "b"));
        var fresh = await TestAuth.TokenAsync(both.CreateAnonymousClient());
        Assert.Equal("b", Kid(fresh));
        Assert.Equal(HttpStatusCode.OK, (await both.CreateAnonymousClient().WithToken(old).GetAsync("/api/census")).StatusCode);
        both.Dispose();

        var onlyB = Start(("Hospital:Auth:SigningKeys:b", KeyB));
        Assert.Equal(HttpStatusCode.Unauthorized, (await onlyB.CreateAnonymousClient().WithToken(old).GetAsync("/api/census")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onlyB.CreateAnonymousClient().WithToken(fresh).GetAsync("/api/census")).StatusCode);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQta2V5LTE2Ynl0ZXM=")]
    public void ABadSigningKeyStopsTheStartNamingTheSetting(string key)
    {
        var hospital = Start(("Hospital:Auth:SigningKeys:k1", key));

        var error = Assert.ThrowsAny<Exception>(() => hospital.CreateAnonymousClient());

        Assert.Contains("Hospital:Auth:SigningKeys:k1", error.ToString());
    }

    [Fact]
    public async Task KeysComeFromAMountedSecretFolderOfOneFilePerSetting()
    {
        var mounted = Directory.CreateDirectory(Path.Combine(_keyDirectory, "mounted")).FullName;
        await File.WriteAllTextAsync(Path.Combine(mounted, "Hospital__Auth__SigningKeys__k1"), KeyA);
        await File.WriteAllTextAsync(Path.Combine(mounted, "Hospital__Audit__Keys__k1"), KeyB);
        var hospital = Start(("Hospital:SettingsDirectory", mounted));

        var token = await TestAuth.TokenAsync(hospital.CreateAnonymousClient());

        Assert.Equal("k1", Kid(token));
        Assert.Empty(Directory.GetFiles(_keyDirectory, "*.key"));
    }

    private HospitalFactory Start(params (string Key, string Value)[] settings)
    {
        var hospital = new HospitalFactory().With("Hospital:DataDirectory", _dataDirectory).With("Hospital:KeyDirectory", _keyDirectory);
        foreach (var (key, value) in settings)
        {
            hospital.With(key, value);
        }

        _started.Add(hospital);
        return hospital;
    }

    private static string Kid(string token) => new JsonWebToken(token).Kid;

    private SqliteConnection Open() => new($"Data Source={Path.Combine(_dataDirectory, "hospital.db")};Pooling=False");

    /// <summary>Every text and blob of every table, as an attacker reading the file would see it.</summary>
    private async Task<string> DatabaseTextAsync()
    {
        await using var db = Open();
        await db.OpenAsync();
        var tables = new List<string>();
        await using (var list = db.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = db.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] bytes ? Encoding.UTF8.GetString(bytes) : reader.GetValue(i).ToString()).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private async Task EditUsersAsync(Action<JsonObject> edit)
    {
        await using var db = Open();
        await db.OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT payload FROM grain_state WHERE state_name = 'users'";
        var state = JsonNode.Parse((byte[])(await read.ExecuteScalarAsync())!)!.AsObject();
        edit(state);
        await using var write = db.CreateCommand();
        write.CommandText = "UPDATE grain_state SET payload = $payload WHERE state_name = 'users'";
        write.Parameters.AddWithValue("$payload", Encoding.UTF8.GetBytes(state.ToJsonString()));
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }
}
