namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// Drives <see cref="HospitalTraffic"/> from several concurrent clients for a while and, when given a platform, SIGKILLs
/// one of its processes at random moments (spread over the run), restarting it on the same storage each time. Traffic
/// keeps going through every kill and restart and stops only after the last one, so each kill lands under load. A swap
/// or stock transfer comes with its opposite at the same moment with probability <c>pairChance</c>.
/// </summary>
public sealed class CrashDriver(string baseUrl, SmallHospital hospital, int seed, double pairChance = 0.2)
{
    public OperationLedger Ledger { get; } = new();

    public int Kills { get; private set; }

    public async Task RunAsync(TimeSpan duration, int clients, CrashPlatform? platform = null, int kills = 0)
    {
        using var boardSession = new ApiSession(baseUrl, TimeSpan.FromSeconds(10));
        await boardSession.SignInAsync();
        var board = new WardBoard(boardSession, hospital.WardIds);
        await board.RefreshAsync();

        using var stop = new CancellationTokenSource();
        var refreshing = board.RefreshUntilAsync(stop.Token);
        var started = DateTime.UtcNow;
        var driving = Enumerable.Range(0, clients).Select(client => Task.Run(() => ClientAsync(board, new Random(seed * 1000 + client), stop.Token))).ToList();

        try
        {
            if (platform is not null && kills > 0)
            {
                await KillAsync(platform, new Random(seed), duration, kills);
            }

            var left = duration - (DateTime.UtcNow - started);
            // After the last restart the clients run on a little, so recovery happens under traffic too.
            await Task.Delay(left > TimeSpan.FromSeconds(3) ? left : TimeSpan.FromSeconds(3));
        }
        finally
        {
            // Also when a restart failed: no client may outlive the run.
            stop.Cancel();
            await Task.WhenAll(driving);
            await refreshing;
        }
    }

    private async Task ClientAsync(WardBoard board, Random random, CancellationToken stop)
    {
        using var session = new ApiSession(baseUrl, onFailure: Ledger.NoteFailure);
        await session.SignInAsync();
        var traffic = new HospitalTraffic(session, hospital, board, Ledger, pairChance);
        while (!stop.IsCancellationRequested)
        {
            var failedBefore = Ledger.Failed;
            await traffic.NextAsync(random);
            if (Ledger.Failed > failedBefore)
            {
                // The platform is probably down: do not spin on refused connections.
                await Task.Delay(random.Next(50, 250));
            }
        }
    }

    /// <summary>One kill in each of <paramref name="kills"/> equal slots of the run, at a random moment within it.</summary>
    private async Task KillAsync(CrashPlatform platform, Random random, TimeSpan duration, int kills)
    {
        var started = DateTime.UtcNow;
        var slot = duration / (kills + 0.5);
        for (var i = 0; i < kills; i++)
        {
            var at = started + slot * i + slot * (0.25 + random.NextDouble() * 0.6);
            if (at > DateTime.UtcNow)
            {
                await Task.Delay(at - DateTime.UtcNow);
            }

            await platform.KillAndRestartAsync(random);
            Kills++;
        }
    }
}
