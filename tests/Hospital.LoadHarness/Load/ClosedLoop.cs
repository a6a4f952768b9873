using System.Diagnostics;
using Hospital.LoadHarness.Measuring;

namespace Hospital.LoadHarness.Load;

/// <summary>
/// Closed-loop clients, each sending the next request as soon as the last one answered, for a fixed
/// time: the most requests per second the server gives this client at that concurrency.
/// </summary>
public static class ClosedLoop
{
    public static async Task<Throughput> RunAsync(int concurrency, TimeSpan duration, Func<LatencyHistogram, Task> request, CancellationToken stop = default)
    {
        var timing = new LatencyHistogram();
        long errors = 0;
        long done = 0;
        string? firstError = null;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end && !stop.IsCancellationRequested)
            {
                try
                {
                    await request(timing);
                    Interlocked.Increment(ref done);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Platform.ApiException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message.Length > 200 ? e.Message[..200] : e.Message, null);
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new Throughput(Math.Round(done / elapsed.TotalSeconds, 1), errors, timing.Summary(), firstError);
    }
}

/// <summary>Successful requests per second, failures (and the first one's message), and the latency of all.</summary>
public sealed record Throughput(double PerSecond, long Errors, Latency Latency, string? FirstError = null);
