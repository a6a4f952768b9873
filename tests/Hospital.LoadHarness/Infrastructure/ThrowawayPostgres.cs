using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hospital.LoadHarness.Infrastructure;

/// <summary>
/// A PostgreSQL cluster in a temp folder from the installed binaries (fsync on, as in production), owned by the
/// postgres user when we run as root because initdb refuses root; or a server the caller names with --postgres.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string? _bin;
    private readonly string? _root;

    private ThrowawayPostgres(string adminConnectionString, string? bin, string? root)
    {
        AdminConnectionString = adminConnectionString;
        _bin = bin;
        _root = root;
    }

    public string AdminConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync(string? existing)
    {
        if (existing is { Length: > 0 })
        {
            return new ThrowawayPostgres(existing, null, null);
        }

        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL binaries not found under /usr/lib/postgresql; install postgresql or pass --postgres.");
        var root = Path.Combine(Path.GetTempPath(), "hospital-load-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        if (Environment.UserName == "root")
        {
            await Shell.RunAsync("chown", $"postgres {root}");
        }

        var port = FreePort();
        await AsOwnerAsync(Path.Combine(bin, "initdb"), $"-D {root}/data -A trust -U postgres --no-sync -E UTF8");
        await AsOwnerAsync(Path.Combine(bin, "pg_ctl"),
            $"-D {root}/data -l {root}/log -w -o \"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=on -c shared_buffers=256MB\" start");
        return new ThrowawayPostgres($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", bin, root);
    }

    /// <summary>A fresh database on the server, so a run never sees an earlier one's hospital.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..10];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task AsOwnerAsync(string file, string arguments) => Environment.UserName == "root"
        ? Shell.RunAsync("runuser", $"-u postgres -- {file} {arguments}")
        : Shell.RunAsync(file, arguments);

    public async ValueTask DisposeAsync()
    {
        if (_bin is null || _root is null)
        {
            return;
        }

        try
        {
            await AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), $"-D {_root}/data -m immediate stop");
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Could not remove the throwaway PostgreSQL in {_root}: {e.Message}");
        }
    }
}
