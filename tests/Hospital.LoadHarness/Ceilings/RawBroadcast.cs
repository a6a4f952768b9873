using System.Diagnostics;
using System.Net.Http.Json;
using Hospital.LoadHarness.Load;
using Hospital.LoadHarness.Measuring;
using Hospital.LoadHarness.Platform;

namespace Hospital.LoadHarness.Ceilings;

/// <summary>
/// The SignalR ceiling: the same listeners and group layout on the ceiling server's raw hub, and the same path as a
/// real change (an HTTP POST from this process, the server sends to the ward's group), at the rate of bed changes the
/// platform achieved, with as many extra messages per change as the platform pushed.
/// </summary>
public static class RawBroadcast
{
    private static readonly string Padding = new('x', 250);

    public static async Task<RawBroadcastResult> RunAsync(string baseUrl, HarnessOptions options, IReadOnlyList<string> wards, int changesPerSecond, int extra)
    {
        await using var listeners = await Listeners.ConnectAsync(baseUrl + "/hubs/raw", null, options.Listeners, wards, options.WardsPerListener);
        using var http = HospitalClient.CreateHttp(baseUrl);
        var pacer = new Pacer(Math.Max(1, changesPerSecond), TimeSpan.FromSeconds(options.CeilingSeconds));
        long sequence = 0;
        long sent = 0;
        var posts = new LatencyHistogram();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
        {
            while (await pacer.WaitTurnAsync())
            {
                var version = Interlocked.Increment(ref sequence);
                var ward = wards[(int)(version % wards.Count)];
                var started = Stopwatch.GetTimestamp();
                listeners.Ledger.Expect("raw", ward, version, started, "raw");
                using var response = await http.PostAsJsonAsync("/broadcast", new BroadcastRequest(ward, "raw", version, extra, Padding));
                posts.RecordSince(started);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref sent);
                }
                else
                {
                    listeners.Ledger.Forget("raw", ward, version);
                }
            }
        })));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var ledger = listeners.Ledger;
        return new RawBroadcastResult(Math.Round(sent / (double)options.CeilingSeconds, 1), extra, ledger.Expected, ledger.Matched, ledger.Latency.Summary(), posts.Summary());
    }
}

public sealed record RawBroadcastResult(double ChangesPerSecond, int ExtraMessagesPerChange, long PushesExpected, long PushesReceived, Latency PushLatency, Latency PostLatency);
