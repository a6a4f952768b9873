using System.Collections.Concurrent;
using Hospital.Api.Security;
using Hospital.Contracts.Security;
using Microsoft.AspNetCore.SignalR;

namespace Hospital.Api.Live;

/// <summary>
/// The open hub connections of this process with whose token they were opened. A connection is closed when its
/// account's stamp changes (roles, password, disabled, deleted) and when its token expires; the client reconnects
/// with a fresh token (the dashboard does) or not at all.
/// </summary>
public sealed class HubSessions : BackgroundService
{
    private static readonly TimeSpan Sweep = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly AccountStamps _stamps;
    private readonly TimeProvider _clock;

    public HubSessions(AccountStamps stamps, TimeProvider clock)
    {
        (_stamps, _clock) = (stamps, clock);
        stamps.Revoked += CloseRevoked;
    }

    public sealed record Session(HubCallerContext Context, string Username, string? Stamp, DateTimeOffset? Expires);

    public IEnumerable<Session> All => _sessions.Values;

    public void Open(HubCallerContext context)
    {
        var user = context.User;
        var expires = long.TryParse(user?.FindFirst("exp")?.Value, out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp) : (DateTimeOffset?)null;
        _sessions[context.ConnectionId] = new Session(context, user?.Identity?.Name ?? "", user?.FindFirst(TokenIssuer.StampClaim)?.Value, expires);
    }

    public void Close(string connectionId) => _sessions.TryRemove(connectionId, out _);

    private void CloseRevoked(IReadOnlySet<string> accounts)
    {
        foreach (var session in _sessions.Values)
        {
            // API-key and provider sessions have no stamp: they end with the account only through their credential.
            if (session.Stamp is not null && accounts.Contains(UserNames.Key(session.Username)) && !_stamps.IsCurrent(session.Username, session.Stamp))
            {
                session.Context.Abort();
            }
        }
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Sweep, _clock);
        while (await Tick(timer, stoppingToken))
        {
            var now = _clock.GetUtcNow();
            foreach (var session in _sessions.Values.Where(s => s.Expires <= now))
            {
                session.Context.Abort();
            }
        }
    }
}
