using Hospital.Hosting.Configuration;
using Hospital.Hosting.Seeding;
using Hospital.Hosting.Storage;
using Hospital.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hospital.Hosting;

/// <summary>Commands a host runs instead of serving, e.g. <c>dotnet run --project api/Hospital.Api -- migrate</c>.</summary>
public static class HospitalCommands
{
    /// <returns>The exit code, or null when <paramref name="args"/> name no command.</returns>
    public static async Task<int?> TryRunAsync(string[] args) => args switch
    {
        ["migrate", ..] => await MigrateAsync(args),
        ["seed", ..] => await SeedAsync(args),
        _ => null,
    };

    /// <summary>
    /// <c>seed --wards 20 --beds-per-ward 30 [--occupancy 0.7]</c>: builds a demo hospital. In all-in-one mode it runs
    /// its own silo on the data directory, so stop the server first; with <c>Hospital:Orleans:Mode=Client</c> it joins the cluster.
    /// </summary>
    private static async Task<int> SeedAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args[1..]);
        builder.AddHospitalPlatform("hospital-seed", mayBeClient: true);
        var plan = new SeedPlan(
            builder.Configuration.GetValue("wards", 20),
            builder.Configuration.GetValue("beds-per-ward", 30),
            builder.Configuration.GetValue("occupancy", 0.7),
            DemoPassword: builder.Configuration["Hospital:Seed:DemoPassword"]);
        if (plan.Wards is < 1 or > 1000 || plan.BedsPerWard is < 1 or > 200 || plan.Occupancy is < 0 or > 1)
        {
            await Console.Error.WriteLineAsync("seed: --wards must be 1-1000, --beds-per-ward 1-200, --occupancy 0-1.");
            return 2;
        }

        using var host = builder.Build();
        await host.StartAsync();
        var started = DateTime.UtcNow;
        var (wards, beds, admitted) = await host.Services.GetRequiredService<DemoSeeder>().SeedAsync(plan, Console.WriteLine);
        Console.WriteLine($"Seeded {wards} wards, {beds} beds, {admitted} admitted in {(DateTime.UtcNow - started).TotalSeconds:F1} s.");
        await host.StopAsync();
        return 0;
    }

    private static async Task<int> MigrateAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args[1..]);
        var options = HospitalOptionsValidator.Load(builder.Configuration);
        builder.Services.AddHospitalStorage(options);
        using var host = builder.Build();
        var applied = await host.Services.GetRequiredService<IHospitalStore>().MigrateAsync();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Hospital.Migrate");
        logger.LogInformation("{Storage} schema is current; {Count} script(s) applied now: {Scripts}",
            options.Storage, applied.Count, applied.Count == 0 ? "none" : string.Join(", ", applied));
        return 0;
    }
}
