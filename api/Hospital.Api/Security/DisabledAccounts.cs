using Hospital.Contracts.Security;

namespace Hospital.Api.Security;

/// <summary>
/// The disabled local accounts, as this api process last read them: a token of a disabled account is refused on every
/// request, though it has not expired. Refreshed right after a disable or enable handled here and every
/// <see cref="Refresh"/> interval for changes made through other api processes.
/// </summary>
public sealed class DisabledAccounts(IGrainFactory grains, ILogger<DisabledAccounts> logger) : BackgroundService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    private volatile HashSet<string> _disabled = new(StringComparer.Ordinal);

    public bool IsDisabled(string? username) => username is not null && _disabled.Contains(UserNames.Key(username));

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        var disabled = await grains.GetGrain<IUserDirectoryGrain>(0).DisabledUsers().WaitAsync(cancellationToken);
        _disabled = new HashSet<string>(disabled, StringComparer.Ordinal);
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
                // The cluster may not be up yet (client mode); keep the last list and try again.
                logger.LogDebug(e, "Could not read the disabled accounts; retrying");
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
