using System.Diagnostics;
using Hospital.LoadHarness.Measuring;

namespace Hospital.LoadHarness.Load;

/// <summary>
/// Closed-loop clients, each sending the next request as soon as the last one answered, for a fixed
/// time: the most requests per second the server gives this client at that concurrency. With a <see cref="Pacer"/>,
/// each client also waits for its turn, so together they send at most the pacer's rate.
/// </summary>
public static class ClosedLoop
{
    public static async Task<Throughput> RunAsync(int concurrency, TimeSpan duration, Func<LatencyHistogram, Task> request,
        CancellationToken stop = default, Pacer? pacer = null)
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
                if (pacer is not null && !await pacer.WaitTurnAsync(CancellationToken.None))
                {
                    break;
                }

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
