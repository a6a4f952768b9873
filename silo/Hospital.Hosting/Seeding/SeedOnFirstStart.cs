using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hospital.Hosting.Seeding;

/// <summary><c>Hospital:Seed:OnFirstStart=true</c>: builds the demo hospital until one seed has run to its end.</summary>
public sealed class SeedOptions
{
    public bool OnFirstStart { get; set; }
    public int Wards { get; set; } = 20;
    public int BedsPerWard { get; set; } = 30;
    /// <summary>Password of the demo users; a random one is printed when unset.</summary>
    public string? DemoPassword { get; set; }
}

/// <summary>
/// Seeds in the background once the process has started. A failure (the cluster or the database not there yet, a
/// restart underneath) is logged and the seed resumes after a growing pause, up to a minute, for as long as the process
/// runs: it never stops the host, and a seed that a crash cut short is completed at the next start.
/// </summary>
internal sealed partial class SeedOnFirstStart(DemoSeeder seeder, IOptions<SeedOptions> options, ILogger<SeedOnFirstStart> logger) : BackgroundService
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seed = options.Value;
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                if (await seeder.IsCompleteAsync())
                {
                    return;
                }

                Seeding(logger, seed.Wards, seed.BedsPerWard, attempt);
                await seeder.SeedAsync(new SeedPlan(seed.Wards, seed.BedsPerWard, DemoPassword: seed.DemoPassword), m => Progress(logger, m), stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                var pause = TimeSpan.FromSeconds(Math.Min(LongestPause.TotalSeconds, Math.Pow(2, attempt - 1)));
                SeedFailed(logger, e, attempt, pause);
                try
                {
                    await Task.Delay(pause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: the next start resumes.
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding a demo hospital of {Wards} wards x {Beds} beds (attempt {Attempt}); what exists is kept")]
    private static partial void Seeding(ILogger logger, int wards, int beds, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Progress}")]
    private static partial void Progress(ILogger logger, string progress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seed attempt {Attempt} failed; it resumes in {Pause}")]
    private static partial void SeedFailed(ILogger logger, Exception exception, int attempt, TimeSpan pause);
}
