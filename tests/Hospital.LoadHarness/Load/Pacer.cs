using System.Diagnostics;

namespace Hospital.LoadHarness.Load;

/// <summary>
/// Hands out send slots at a fixed rate for a fixed time to any number of workers. A worker that falls behind gets
/// its overdue slots at once, so the achieved rate is the smaller of the target and what the system sustains.
/// Latency is timed from the actual send, not the scheduled slot.
/// </summary>
public sealed class Pacer(int ratePerSecond, TimeSpan duration)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly long _end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    private long _next;

    /// <returns>False once the duration is over.</returns>
    public async ValueTask<bool> WaitTurnAsync(CancellationToken cancellationToken = default)
    {
        var slot = Interlocked.Increment(ref _next) - 1;
        var due = _start + slot * Stopwatch.Frequency / ratePerSecond;
        if (due >= _end)
        {
            return false;
        }

        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait, cancellationToken);
        }

        return Stopwatch.GetTimestamp() < _end;
    }
}
