using Hospital.Contracts.Security;

namespace Hospital.Api.Security;

/// <summary>
/// The security stamps of the enabled local accounts, as this api process last read them. A platform token is
/// accepted only while its stamp is the account's current one: changing roles or password, disabling or deleting the
/// account refuses every older token. Read again right after such a change handled here and every
/// <see cref="Refresh"/> otherwise (the directory answers nothing when nothing changed), so every api process refuses
/// within about a second. A token issued after this process last read the stamps (an account just made or signed in to
/// elsewhere) may carry a stamp it does not know yet: it reads again at once. An older token with another stamp is
/// refused without a read, so replaying revoked tokens costs the directory nothing.
/// </summary>
public sealed class AccountStamps(IGrainFactory grains, ILogger<AccountStamps> logger) : BackgroundService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    private volatile SecuritySnapshot _snapshot = new(-1, new Dictionary<string, string>());
    private readonly SemaphoreSlim _reading = new(1, 1);
    private DateTime _readAt;

    /// <summary>Raised with the accounts whose stamp changed or that went away, after a read that found changes.</summary>
    public event Action<IReadOnlySet<string>>? Revoked;

    public bool IsCurrent(string? username, string? stamp) =>
        username is not null && stamp is not null && _snapshot.Stamps.TryGetValue(UserNames.Key(username), out var current) && current == stamp;

    /// <summary>Whether the stamp is current, reading the directory again first if the token is newer than what this process read.</summary>
    public async ValueTask<bool> IsCurrentAsync(string? username, string? stamp, DateTime issuedAt)
    {
        if (IsCurrent(username, stamp) || username is null || stamp is null)
        {
            return IsCurrent(username, stamp);
        }

        // A second's margin for the clocks of the processes.
        if (_readAt < issuedAt + TimeSpan.FromSeconds(1))
        {
            await ReloadAsync();
        }

        return IsCurrent(username, stamp);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            var before = _snapshot;
            _readAt = DateTime.UtcNow;
            if (await grains.GetGrain<IUserDirectoryGrain>(0).SecurityStamps(before.Version).WaitAsync(cancellationToken) is not { } next)
            {
                return;
            }

            _snapshot = next;
            var revoked = before.Stamps.Where(s => next.Stamps.GetValueOrDefault(s.Key) != s.Value).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            if (revoked.Count > 0)
            {
                Revoked?.Invoke(revoked);
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReloadAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The cluster may not be up yet (client mode); keep the last stamps and try again.
                logger.LogDebug(e, "Could not read the account stamps; retrying");
            }

            try
            {
                await Task.Delay(Refresh, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
