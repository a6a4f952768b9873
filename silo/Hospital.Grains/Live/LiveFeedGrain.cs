using Hospital.Contracts.Live;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Hospital.Grains.Live;

/// <summary>
/// Fans published events out to every subscribed api process. Publishing only queues; one delivery loop sends what
/// has queued as one batch per observer, so under load many events share a message, and order is kept.
/// </summary>
public sealed class LiveFeedGrain(ILogger<LiveFeedGrain> logger) : Grain, ILiveFeedGrain
{
    /// <summary>Subscribers renew well within this; one that stops renewing (a dead api process) is dropped.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);
    private const int MaxBatch = 1000;

    private readonly ObserverManager<ILiveObserver> _observers = new(SubscriptionLifetime, logger);
    private readonly Queue<LiveEvent> _queue = new();
    private Task? _delivery;
    private readonly Guid _epoch = Guid.NewGuid();
    private long _batches;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The feed holds live subscriptions only in memory; stay active as long as the silo lives.
        DelayDeactivation(TimeSpan.FromDays(3650));
        return Task.CompletedTask;
    }

    public Task Publish(IReadOnlyList<LiveEvent> events)
    {
        foreach (var e in events)
        {
            _queue.Enqueue(e);
        }

        if (_delivery is null || _delivery.IsCompleted)
        {
            _delivery = Deliver();
        }

        return Task.CompletedTask;
    }

    public Task Subscribe(ILiveObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ILiveObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private async Task Deliver()
    {
        // Yield once so that events published in the same turn go out together.
        await Task.Yield();
        while (_queue.Count > 0)
        {
            var batch = new List<LiveEvent>(Math.Min(_queue.Count, MaxBatch));
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var e))
            {
                batch.Add(e);
            }

            // OneWay calls: a slow or dead subscriber does not hold up the others or the publishers.
            var number = ++_batches;
            await _observers.Notify(o => o.OnEvents(_epoch, number, batch));
        }
    }
}
