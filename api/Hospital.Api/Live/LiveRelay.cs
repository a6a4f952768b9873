using System.Threading.Channels;
using Hospital.Api.Census;
using Hospital.Contracts.Live;
using Microsoft.AspNetCore.SignalR;

namespace Hospital.Api.Live;

/// <summary>
/// This api process's subscription to the cluster's live feed: it receives every event once, whichever silo raised it,
/// and forwards it to the SignalR groups concerned. It renews its subscription well within the feed's expiry, so a
/// restarted feed (or silo) finds it again. Within one batch only the newest census of a ward is sent.
/// </summary>
internal sealed class LiveRelay(IGrainFactory grains, IHubContext<OperationsHub> hub, LiveSubscriptions subscriptions, LiveAudit audit, CensusCache census, ILogger<LiveRelay> logger)
    : BackgroundService, ILiveObserver
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan GapWait = TimeSpan.FromSeconds(1);
    private readonly Channel<IReadOnlyList<LiveEvent>> _inbox = Channel.CreateUnbounded<IReadOnlyList<LiveEvent>>(new() { SingleReader = true });
    private readonly SortedDictionary<long, IReadOnlyList<LiveEvent>> _early = [];
    private readonly Lock _order = new();
    private Guid _epoch;
    private long _next = 1;
    private DateTime _gapSince;

    /// <summary>Puts batches back in feed order; a batch missing for over a second (lost with a dead silo) is skipped.</summary>
    public Task OnEvents(Guid epoch, long batch, IReadOnlyList<LiveEvent> events)
    {
        // Something changed somewhere in the cluster: the next census read asks the grain again.
        census.Invalidate();
        lock (_order)
        {
            if (epoch != _epoch)
            {
                // A new feed activation numbers from 1 again; whatever the old one left unsent is gone.
                (_epoch, _next) = (epoch, batch);
                _early.Clear();
            }

            if (batch < _next)
            {
                return Task.CompletedTask;
            }

            _early[batch] = events;
            if (!_early.ContainsKey(_next) && _early.Count > 0)
            {
                _gapSince = _gapSince == default ? DateTime.UtcNow : _gapSince;
                if (DateTime.UtcNow - _gapSince < GapWait)
                {
                    return Task.CompletedTask;
                }

                _next = _early.Keys.First();
            }

            while (_early.Remove(_next, out var ready))
            {
                _inbox.Writer.TryWrite(ready);
                _next++;
            }

            _gapSince = default;
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<ILiveObserver>(this);
        var forwarding = ForwardAsync(stoppingToken);
        var feed = grains.GetGrain<ILiveFeedGrain>(0);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await feed.Subscribe(self);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Could not subscribe to the live feed; retrying");
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                    continue;
                }

                await Task.Delay(Renewal, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            _inbox.Writer.TryComplete();
            await forwarding;
            try
            {
                await feed.Unsubscribe(self).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch
            {
                // The feed forgets us on expiry anyway.
            }

            grains.DeleteObjectReference<ILiveObserver>(self);
        }
    }

    private async Task ForwardAsync(CancellationToken stoppingToken)
    {
        await foreach (var batch in _inbox.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await SendAsync(Coalesce(batch), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Forwarding {Count} live events failed", batch.Count);
            }
        }
    }

    /// <summary>Keeps every bed and ADT event in order; of several census changes of one ward, only the last.</summary>
    private static List<LiveEvent> Coalesce(IReadOnlyList<LiveEvent> batch)
    {
        var lastCensus = new Dictionary<string, int>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Census is { } census)
            {
                lastCensus[census.Ward.WardId] = i;
            }
        }

        return batch.Where((e, i) => e.Census is null || lastCensus[e.Census.Ward.WardId] == i).ToList();
    }

    private async Task SendAsync(List<LiveEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            var groups = e.WardIds.Select(OperationsHub.WardGroup).ToList();
            if (e.ToHospital)
            {
                groups.Add(OperationsHub.HospitalGroup);
            }

            var (method, payload) = Message(e);
            if (method is null)
            {
                continue;
            }

            audit.Sent(groups, e);
            // Each connection once, however many of the groups it is in: the first group whole, every further group
            // without the connections of the groups before it. SignalR walks only the group's own members and checks
            // exclusions against a set.
            await hub.Clients.Group(groups[0]).SendAsync(method, payload, cancellationToken);
            for (var i = 1; i < groups.Count; i++)
            {
                await hub.Clients.GroupExcept(groups[i], subscriptions.Members(groups.Take(i))).SendAsync(method, payload, cancellationToken);
            }
        }
    }

    private static (string? Method, object? Payload) Message(LiveEvent e) => e switch
    {
        { Bed: { } bed } => ("BedChanged", bed),
        { Census: { } census } => ("CensusChanged", new CensusChangedView(WardCensusView.From(census.Ward), CountsView.From(census.Hospital))),
        { Adt: { } adt } => ("AdtEvent", adt),
        { Alert: { } alert } => (e.AlertIsNew ? "AlertRaised" : "AlertChanged", alert),
        _ => (null, null),
    };
}
