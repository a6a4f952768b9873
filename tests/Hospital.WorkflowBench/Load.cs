using System.Diagnostics;
using Hospital.WorkflowBench.Hosting;
using Hospital.WorkflowBench.Stock;
using Orleans.Transactions;

namespace Hospital.WorkflowBench;

public enum Scenario
{
    /// <summary>Move 1-3 units between the two bins of a random pair, in a random direction.</summary>
    Transfer,
    /// <summary>Add one unit to a random bin.</summary>
    Update,
}

/// <summary>One measured cell of the table.</summary>
public sealed record Cell(string Variant, Scenario Scenario, int Callers, int Done, int Aborted, int InDoubt, int Failed,
    double PerSecond, double P50, double P99, double DrainMs, double WritesPerOp, string? FirstError);

/// <summary>
/// Bins 0..2P-1 in P pairs (2k, 2k+1), each stocked with <see cref="Initial"/> units. Callers run operations back to
/// back for a fixed time; the units every bin should hold in total are tracked, so conservation can be checked.
/// </summary>
public sealed class Load(IStockVariant stock, BenchSilo silo, int pairs)
{
    public const int Initial = 1_000_000;

    private long _expected = (long)pairs * 2 * Initial;

    /// <summary>Why the last attempt to read every bin failed while settling, if one did.</summary>
    public string? LastSettleError { get; private set; }

    public long Expected => Interlocked.Read(ref _expected);

    public async Task StockAsync()
    {
        for (var bin = 0; bin < pairs * 2; bin += 10)
        {
            await Task.WhenAll(Enumerable.Range(bin, Math.Min(10, pairs * 2 - bin)).Select(b => stock.Adjust(b, Initial)));
        }
    }

    public async Task<long> SumAsync()
    {
        var units = await Task.WhenAll(Enumerable.Range(0, pairs * 2).Select(b => stock.Units(b)));
        return units.Sum(u => (long)u);
    }

    /// <summary>Waits until the bins hold what they should (or the time is up); returns how long that took.</summary>
    public async Task<TimeSpan> SettleAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            try
            {
                if (await SumAsync() == Expected)
                {
                    break;
                }
            }
            catch (Exception e)
            {
                // A bin still waiting on a transaction's outcome after a crash: ask again.
                LastSettleError = $"{e.GetType().Name}: {e.Message}";
            }

            await Task.Delay(10);
        }

        return clock.Elapsed;
    }

    public async Task<Cell> RunAsync(Scenario scenario, int callers, TimeSpan duration)
    {
        var writesBefore = silo.Writes;
        var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => CallerAsync(scenario, duration))));
        var elapsed = duration.TotalSeconds;
        // The outbox acknowledges a transfer before the target holds the units: count the time until they all arrive.
        var drainMs = stock is OutboxStock ? (await SettleAsync(TimeSpan.FromSeconds(30))).TotalMilliseconds : 0;
        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var done = latencies.Length;
        return new Cell(stock.Name, scenario, callers, done,
            results.Sum(r => r.Aborted), results.Sum(r => r.InDoubt), results.Sum(r => r.Failed),
            done / (elapsed + drainMs / 1000), Percentile(latencies, 0.50), Percentile(latencies, 0.99), drainMs,
            done == 0 ? 0 : (double)(silo.Writes - writesBefore) / done,
            results.Select(r => r.FirstError).FirstOrDefault(e => e is not null));
    }

    private async Task<CallerResult> CallerAsync(Scenario scenario, TimeSpan duration)
    {
        var result = new CallerResult();
        var random = new Random();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var started = clock.Elapsed;
            try
            {
                if (scenario == Scenario.Transfer)
                {
                    var pair = random.Next(pairs) * 2;
                    var flip = random.Next(2);
                    await stock.Transfer(pair + flip, pair + 1 - flip, random.Next(1, 4));
                }
                else
                {
                    await stock.Adjust(random.Next(pairs * 2), 1);
                    Interlocked.Increment(ref _expected);
                }

                result.Latencies.Add((clock.Elapsed - started).TotalMilliseconds);
            }
            catch (OrleansTransactionAbortedException)
            {
                result.Aborted++;
            }
            catch (OrleansTransactionInDoubtException)
            {
                // The adjustment may or may not have happened: conservation cannot be checked exactly after this.
                result.InDoubt++;
            }
            catch (Exception e)
            {
                result.Failed++;
                result.FirstError ??= $"{e.GetType().Name}: {e.Message}";
            }
        }

        return result;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private sealed class CallerResult
    {
        public List<double> Latencies { get; } = [];
        public int Aborted { get; set; }
        public int InDoubt { get; set; }
        public int Failed { get; set; }
        public string? FirstError { get; set; }
    }
}
