using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hospital.Hosting.Seeding;

/// <summary><c>Hospital:Seed:OnFirstStart=true</c>: builds the demo hospital once, when no ward exists yet.</summary>
public sealed class SeedOptions
{
    public bool OnFirstStart { get; set; }
    public int Wards { get; set; } = 20;
    public int BedsPerWard { get; set; } = 30;
    /// <summary>Password of the demo users; a random one is printed when unset.</summary>
    public string? DemoPassword { get; set; }
}

internal sealed class SeedOnFirstStart(DemoSeeder seeder, Microsoft.Extensions.Options.IOptions<SeedOptions> options, ILogger<SeedOnFirstStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await seeder.IsEmptyAsync())
        {
            return;
        }

        logger.LogInformation("First start: seeding a demo hospital of {Wards} wards x {Beds} beds", options.Value.Wards, options.Value.BedsPerWard);
        await seeder.SeedAsync(new SeedPlan(options.Value.Wards, options.Value.BedsPerWard, DemoPassword: options.Value.DemoPassword), m => logger.LogInformation("{Progress}", m), stoppingToken);
    }
}
