using System.Collections.Concurrent;
using Hospital.Contracts.Live;
using Hospital.Contracts.Security;
using Microsoft.Extensions.Options;

namespace Hospital.Api.Live;

/// <summary>Settings under <c>Hospital:Audit</c> that the api uses.</summary>
public sealed class LiveAuditOptions
{
    /// <summary>How often the patients whose live events each hub connection received are written to the audit trail.</summary>
    public TimeSpan HubSummaryInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Audits what the hub sends: every subscription is recorded as it is made, and every <see cref="LiveAuditOptions.HubSummaryInterval"/>
/// the patients whose events each connection received in that interval (one record per user, naming each patient once,
/// with the connections that received it). Exposure is counted per group: a connection received a patient's event if
/// it was in a group the event went to while the event was sent.
/// </summary>
public sealed partial class LiveAudit(IGrainFactory grains, HubSessions sessions, TimeProvider clock, IOptions<LiveAuditOptions> options, ILogger<LiveAudit> logger)
    : BackgroundService
{
    private readonly Lock _lock = new();
    private Dictionary<string, HashSet<string>> _sentToGroup = new(StringComparer.Ordinal);
    private Dictionary<string, HashSet<string>> _groupsOfConnection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _memberships = new(StringComparer.Ordinal);

    public static IEnumerable<string> Patients(LiveEvent e)
    {
        if (e.Bed?.Mrn is { } bed)
        {
            yield return bed;
        }

        if (e.Adt?.Mrn is { } adt)
        {
            yield return adt;
        }

        if (e.Alert?.PatientMrn is { } alert)
        {
            yield return alert;
        }
    }

    /// <summary>Records a subscription (or a refused one) before the connection joins the group.</summary>
    public Task SubscriptionAsync(Microsoft.AspNetCore.SignalR.HubCallerContext context, string action, bool allowed)
    {
        var user = context.User;
        var roles = user?.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList() ?? [];
        return grains.GetGrain<IAuditTrailGrain>(0).Record(new AuditRecord(clock.GetUtcNow(), user?.Identity?.Name ?? "anonymous", roles, [],
            "HUB " + action, allowed ? "Allowed" : "Denied", allowed ? 200 : 404) { Detail = "connection " + context.ConnectionId });
    }

    public void Joined(string connectionId, string group)
    {
        lock (_lock)
        {
            _memberships.GetOrAdd(connectionId, _ => new HashSet<string>(StringComparer.Ordinal)).Add(group);
            Of(_groupsOfConnection, connectionId).Add(group);
        }
    }

    public void Left(string connectionId, string group)
    {
        lock (_lock)
        {
            if (_memberships.TryGetValue(connectionId, out var groups))
            {
                groups.Remove(group);
            }
        }
    }

    public void Disconnected(string connectionId) => _memberships.TryRemove(connectionId, out _);

    public void Sent(IReadOnlyList<string> groups, LiveEvent e)
    {
        var patients = Patients(e).ToList();
        if (patients.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var group in groups)
            {
                Of(_sentToGroup, group).UnionWith(patients);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HubSummaryInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what the last interval received is written below.
        }

        await FlushAsync();
    }

    /// <summary>Writes one record per user of the patients their connections received since the last flush.</summary>
    public async Task FlushAsync()
    {
        Dictionary<string, HashSet<string>> sent, connections;
        lock (_lock)
        {
            (sent, connections) = (_sentToGroup, _groupsOfConnection);
            _sentToGroup = new(StringComparer.Ordinal);
            // The next interval starts with the groups each open connection is in now.
            _groupsOfConnection = _memberships.ToDictionary(m => m.Key, m => new HashSet<string>(m.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        }

        var byUser = new Dictionary<string, (IReadOnlyList<string> Roles, Dictionary<string, List<string>> Patients)>(StringComparer.Ordinal);
        var open = sessions.All.ToDictionary(s => s.Context.ConnectionId, StringComparer.Ordinal);
        foreach (var (connection, groups) in connections)
        {
            var received = groups.Where(sent.ContainsKey).SelectMany(g => sent[g]).ToHashSet(StringComparer.Ordinal);
            if (received.Count == 0)
            {
                continue;
            }

            var session = open.GetValueOrDefault(connection);
            var username = session?.Username ?? "unknown";
            if (!byUser.TryGetValue(username, out var entry))
            {
                var roles = session?.Context.User?.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList() ?? [];
                byUser[username] = entry = (roles, new Dictionary<string, List<string>>(StringComparer.Ordinal));
            }

            foreach (var mrn in received)
            {
                Of(entry.Patients, mrn).Add(connection);
            }
        }

        foreach (var (username, (roles, patients)) in byUser)
        {
            // Patients received by the same connections share a record.
            foreach (var group in patients.GroupBy(p => string.Join(',', p.Value.Order(StringComparer.Ordinal))))
            {
                try
                {
                    await grains.GetGrain<IAuditTrailGrain>(0).Record(new AuditRecord(clock.GetUtcNow(), username, roles, group.Select(p => p.Key).ToList(),
                        "HUB events", "Allowed", 200) { Detail = "connections " + (group.Key.Length > 150 ? group.Key[..150] + "..." : group.Key) });
                }
                catch (Exception e)
                {
                    SummaryLost(logger, e, username, group.Count());
                }
            }
        }
    }

    private static HashSet<string> Of(Dictionary<string, HashSet<string>> map, string key) =>
        map.TryGetValue(key, out var set) ? set : map[key] = new HashSet<string>(StringComparer.Ordinal);

    private static List<string> Of(Dictionary<string, List<string>> map, string key) =>
        map.TryGetValue(key, out var list) ? list : map[key] = [];

    [LoggerMessage(Level = LogLevel.Error, Message = "The hub audit summary of {User} ({Patients} patients) could not be written")]
    private static partial void SummaryLost(ILogger logger, Exception exception, string user, int patients);
}
