using System.Collections.Concurrent;
using Hospital.LoadHarness.Measuring;

namespace Hospital.LoadHarness.Load;

/// <summary>
/// Matches pushes to the changes that caused them: before sending a change the writer records (bed, version it will
/// have) with a Stopwatch timestamp; every listener that receives BedChanged for that bed and version records the
/// time since. Expected pushes = changes x listeners subscribed to the bed's ward.
/// </summary>
public sealed class PushLedger(IReadOnlyDictionary<string, int> subscribersByWard)
{
    private readonly ConcurrentDictionary<(string Bed, long Version), (long Sent, string Kind)> _sent = new();
    private long _expected;
    private long _matched;
    private long _unmatched;

    public LatencyHistogram Latency { get; } = new();
    /// <summary>The same pushes by the kind of write that caused them.</summary>
    public ConcurrentDictionary<string, LatencyHistogram> LatencyByKind { get; } = new();
    public long Expected => Interlocked.Read(ref _expected);
    public long Matched => Interlocked.Read(ref _matched);
    /// <summary>Pushes of a bed version nobody here changed (or whose change failed).</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    public void Expect(string bedId, string wardId, long version, long sentTimestamp, string kind)
    {
        _sent[(bedId, version)] = (sentTimestamp, kind);
        Interlocked.Add(ref _expected, subscribersByWard.GetValueOrDefault(wardId));
    }

    /// <summary>The change was not acknowledged: its push, if any, is not expected.</summary>
    public void Forget(string bedId, string wardId, long version)
    {
        if (_sent.TryRemove((bedId, version), out _))
        {
            Interlocked.Add(ref _expected, -subscribersByWard.GetValueOrDefault(wardId));
        }
    }

    public void Received(string bedId, long version)
    {
        if (_sent.TryGetValue((bedId, version), out var sent))
        {
            Latency.RecordSince(sent.Sent);
            LatencyByKind.GetOrAdd(sent.Kind, _ => new LatencyHistogram()).RecordSince(sent.Sent);
            Interlocked.Increment(ref _matched);
        }
        else
        {
            Interlocked.Increment(ref _unmatched);
        }
    }
}
