using Npgsql;

namespace Hospital.FunctionalTests.Infrastructure;

/// <summary>
/// Samples how many server connections one database has (<c>pg_stat_activity</c>) every 50 ms until disposed, and keeps
/// the highest count with its split by application name (process and pool).
/// </summary>
public sealed class ConnectionPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private ConnectionPeak(string connectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        // Sampled from the server's own database, so the sampler is not counted.
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        _sampling = Task.Run(() => SampleAsync(admin, database));
    }

    public int Max { get; private set; }

    /// <summary>At the peak: "application name: count" for each pool.</summary>
    public string Split { get; private set; } = "";

    public static ConnectionPeak Watch(string connectionString) => new(connectionString);

    private async Task SampleAsync(string admin, string database)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        while (!_stop.IsCancellationRequested)
        {
            await using var sample = new NpgsqlCommand(
                "SELECT coalesce(application_name, ''), count(*) FROM pg_stat_activity WHERE datname = $1 GROUP BY 1 ORDER BY 1", connection);
            sample.Parameters.AddWithValue(database);
            var split = new List<(string Application, long Count)>();
            await using (var reader = await sample.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    split.Add((reader.GetString(0), reader.GetInt64(1)));
                }
            }

            var total = (int)split.Sum(s => s.Count);
            if (total > Max)
            {
                (Max, Split) = (total, string.Join(", ", split.Select(s => $"{s.Application}: {s.Count}")));
            }

            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Stops sampling; <see cref="Max"/> and <see cref="Split"/> keep their values. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _sampling;
        }
    }
}
