using System.Threading.Channels;
using Hospital.Contracts.Errors;

namespace Hospital.Storage;

/// <summary>
/// The bounds both group-committing writers keep: how many writes may wait, and how long. A write that waited past
/// <see cref="Deadline"/> fails unsent, well inside Orleans' 30 s call timeout, so its caller is still there to hear it
/// and no write lands after its caller was told it failed.
/// </summary>
internal static class WriteQueue
{
    public const int MaxQueued = 20_000;

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static Channel<T> Create<T>() => Channel.CreateBounded<T>(new BoundedChannelOptions(MaxQueued) { SingleReader = true });

    /// <summary>The failure of a write refused because the queue is full.</summary>
    public static StorageUnavailableException Full() => new($"More than {MaxQueued} writes are waiting for the database.");

    /// <summary>The failure of a write queued at <paramref name="queuedAt"/> (<see cref="Environment.TickCount64"/>) that waited too long; null while it may still go.</summary>
    public static StorageUnavailableException? Expired(long queuedAt) => Environment.TickCount64 - queuedAt > Deadline.TotalMilliseconds
        ? new($"The write waited more than {Deadline.TotalSeconds:0} s for the database and was not sent.")
        : null;
}
