using System.Diagnostics;
using System.Globalization;
using Hospital.FunctionalTests.Infrastructure;
using Xunit.Abstractions;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// One crash test from start to verdict: builds the small hospital, drives traffic with kills, checks, reports. Short by
/// default (for CI); <c>HOSPITAL_CRASH_MINUTES</c> (and optionally <c>HOSPITAL_CRASH_KILLS</c>, <c>HOSPITAL_CRASH_CLIENTS</c>,
/// <c>HOSPITAL_CRASH_SEED</c>, <c>HOSPITAL_CRASH_PAIRS</c>) make it long.
/// </summary>
public static class CrashRun
{
    public static TimeSpan Duration =>
        Setting("HOSPITAL_CRASH_MINUTES") is { } minutes ? TimeSpan.FromMinutes(minutes) : TimeSpan.FromSeconds(30);

    public static int Kills => (int)(Setting("HOSPITAL_CRASH_KILLS") ?? Math.Max(3, Math.Round(Duration.TotalMinutes * 3)));

    private static int Clients => (int)(Setting("HOSPITAL_CRASH_CLIENTS") ?? 6);

    /// <summary>How often a swap or stock transfer is sent together with its opposite.</summary>
    private static double PairChance => Setting("HOSPITAL_CRASH_PAIRS") ?? 0.2;

    /// <summary>Runs traffic (with <paramref name="kills"/> kills) against the platform and returns the violations found.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(CrashPlatform platform, ITestOutputHelper output, TimeSpan duration, int kills, int? clients = null, double? pairChance = null, string? reportName = null)
    {
        var seed = (int)(Setting("HOSPITAL_CRASH_SEED") ?? Random.Shared.Next(1, 100_000));
        var clock = Stopwatch.StartNew();
        using var admin = new ApiSession(platform.Api.BaseUrl);
        await admin.SignInAsync();
        var hospital = await SmallHospital.CreateAsync(admin);
        var setup = clock.Elapsed;

        var driver = new CrashDriver(platform.Api.BaseUrl, hospital, seed, pairChance ?? PairChance);
        await driver.RunAsync(duration, clients ?? Clients, platform, kills);
        var traffic = clock.Elapsed - setup;
        await admin.SignInAsync();
        var violations = await InvariantChecker.CheckAsync(admin, hospital, driver.Ledger);

        var ledger = driver.Ledger;
        var line = $"crash {reportName ?? platform.Name}: kills {driver.Kills}, operations acknowledged {ledger.Count(Outcome.Acknowledged)} of {ledger.All.Count} " +
                   $"(unknown {ledger.Count(Outcome.Unknown)}) [{ledger.Summary()}], violations: {violations.Count}";
        var details = $"seed {seed}, {setup.TotalSeconds:F0} s setup + {traffic.TotalSeconds:F0} s traffic + {(clock.Elapsed - setup - traffic).TotalSeconds:F0} s check; " +
                      $"per kind acknowledged/issued/unknown; unknown or not sent because: {ledger.Causes()}";
        output.WriteLine(line);
        output.WriteLine(details);
        foreach (var violation in violations.Take(100))
        {
            output.WriteLine("  " + violation);
        }

        var artifacts = Directory.CreateDirectory(Path.Combine(TestPaths.RepositoryRoot, "artifacts")).FullName;
        await File.WriteAllLinesAsync(Path.Combine(artifacts, $"crash-report-{reportName ?? platform.Name}.txt"), [line, details, .. violations]);
        return violations;
    }

    private static double? Setting(string name) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
