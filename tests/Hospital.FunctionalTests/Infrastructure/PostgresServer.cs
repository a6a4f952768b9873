using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests: the one named by <c>HOSPITAL_TEST_POSTGRES</c> (an admin connection string),
/// or else a throwaway cluster started from the installed binaries in a temp folder and stopped when the run ends.
/// Each test gets a database of its own.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<Task<string>> Admin = new(StartAsync);

    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Admin.Value;
        var name = "hospital_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Renames a table of a test's database: how the tests make a database fail under a running process.</summary>
    public static async Task RenameTableAsync(string connectionString, string table, string to)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var rename = new NpgsqlCommand($"ALTER TABLE {table} RENAME TO {to}", connection);
        await rename.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("HOSPITAL_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL binaries not found under /usr/lib/postgresql; install postgresql or set HOSPITAL_TEST_POSTGRES.");
        var root = Path.Combine(Path.GetTempPath(), "hospital-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", $"postgres {root}");
        }

        await RunAsync(asRoot, Path.Combine(bin, "initdb"), $"-D {root}/data -A trust -U postgres --no-sync -E UTF8");
        // PostgreSQL's default max_connections (100), as on a stock server: the platform's connection budget must fit it.
        await RunAsync(asRoot, Path.Combine(bin, "pg_ctl"),
            $"-D {root}/data -l {root}/log -w -o \"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=on\" start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsync(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {root}/data -m immediate stop").Wait(TimeSpan.FromSeconds(10));
                Directory.Delete(root, recursive: true);
            }
            catch
            {
                // Best effort: the temp folder goes with the machine.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static Task RunAsync(bool asPostgres, string file, string arguments) =>
        asPostgres ? RunAsync("runuser", $"-u postgres -- {file} {arguments}") : RunAsync(file, arguments);

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
