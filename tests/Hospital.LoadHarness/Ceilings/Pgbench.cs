using System.Globalization;
using System.Text.RegularExpressions;
using Hospital.LoadHarness.Infrastructure;
using Npgsql;

namespace Hospital.LoadHarness.Ceilings;

/// <summary>
/// The PostgreSQL ceiling: pgbench running one single-row upsert (INSERT ... ON CONFLICT DO UPDATE of a row with a
/// bed-sized JSON payload, ids spread over as many rows as there are beds), each its own committed transaction.
/// </summary>
public static partial class Pgbench
{
    public static async Task<PgbenchResult> RunAsync(ThrowawayPostgres postgres, int clients, int rows, int seconds, string workDirectory)
    {
        var database = await postgres.CreateDatabaseAsync("upsert_ceiling");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                "CREATE TABLE bed_upsert (id integer PRIMARY KEY, version bigint NOT NULL, payload jsonb NOT NULL)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var script = Path.Combine(workDirectory, "upsert.sql");
        var payload = "{\"status\":\"Cleaning\",\"wardId\":\"L001\",\"room\":\"1001\",\"since\":\"2026-01-01T00:00:00Z\",\"isolationCapable\":false}";
        await File.WriteAllTextAsync(script,
            $"\\set id random(1, {rows})\n" +
            $"INSERT INTO bed_upsert (id, version, payload) VALUES (:id, 1, '{payload}') " +
            "ON CONFLICT (id) DO UPDATE SET version = bed_upsert.version + 1, payload = EXCLUDED.payload;\n");
        var target = new NpgsqlConnectionStringBuilder(database);
        var output = await Shell.RunAsync("pgbench",
            $"-n -f {script} -c {clients} -j 2 -T {seconds} -h {target.Host} -p {target.Port} -U {target.Username} {target.Database}");
        var tps = TpsLine().Match(output);
        var latency = LatencyLine().Match(output);
        return new PgbenchResult(
            tps.Success ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            $"pgbench -n -f upsert.sql -c {clients} -j 2 -T {seconds}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyLine();
}

public sealed record PgbenchResult(double UpsertsPerSecond, double? AverageLatencyMs, string Command);
