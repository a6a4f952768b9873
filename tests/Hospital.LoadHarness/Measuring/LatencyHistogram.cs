using System.Diagnostics;

namespace Hospital.LoadHarness.Measuring;

/// <summary>
/// Lock-free latency histogram: 10 µs buckets up to 100 ms, then 1 ms buckets up to 60 s; percentiles are bucket
/// upper bounds, so they are exact to 10 µs below 100 ms.
/// </summary>
public sealed class LatencyHistogram
{
    private const int FineBuckets = 10_000;
    private const int CoarseBuckets = 60_000;
    private readonly long[] _counts = new long[FineBuckets + CoarseBuckets];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records the time from <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp) to now.</summary>
    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp, Stopwatch.GetTimestamp()));

    public void Record(TimeSpan elapsed)
    {
        var micros = Math.Max(0, (long)(elapsed.Ticks / 10));
        var bucket = micros < 100_000 ? micros / 10 : FineBuckets + Math.Min(CoarseBuckets - 1, (micros - 100_000) / 1000);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>The latency in milliseconds below which <paramref name="quantile"/> of the samples fall; null when empty.</summary>
    public double? Percentile(double quantile)
    {
        var total = Count;
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return i < FineBuckets ? (i + 1) * 0.01 : 100 + (i - FineBuckets + 1);
            }
        }

        return 60_100;
    }

    public Latency Summary() => new(Count, Percentile(0.50), Percentile(0.99), Percentile(0.999));
}

/// <summary>Sample count and percentiles in milliseconds.</summary>
public sealed record Latency(long Count, double? P50Ms, double? P99Ms, double? P999Ms);
