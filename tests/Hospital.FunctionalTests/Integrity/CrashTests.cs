using Xunit.Abstractions;

namespace Hospital.FunctionalTests.Integrity;

/// <summary>
/// Mixed traffic against real processes, SIGKILLed at random moments and restarted on the same storage; afterwards every
/// invariant of issue 12 holds. Short in CI; <c>HOSPITAL_CRASH_MINUTES=10 dotnet test tests/Hospital.FunctionalTests
/// --filter Category=Crash</c> for the long form. Each run writes <c>artifacts/crash-report-&lt;platform&gt;.txt</c>.
/// </summary>
[Collection(IntegrityCollection.Name)]
public sealed class CrashTests(ITestOutputHelper output)
{
    /// <summary>The checks themselves find nothing in plain traffic: one client, so no two requests can race.</summary>
    [Fact]
    public async Task MixedTrafficFromOneClientWithoutKillsBreaksNoInvariant()
    {
        await using var platform = await CrashPlatform.SqliteAsync();

        var violations = await CrashRun.RunAsync(platform, output, TimeSpan.FromSeconds(15), kills: 0, clients: 1, pairChance: 0, reportName: "sqlite-one-client");

        Assert.True(violations.Count == 0, $"{violations.Count} violations:\n{string.Join("\n", violations.Take(40))}");
    }

    [Fact, Trait("Category", "Crash")]
    public async Task KillingTheAllInOneProcessOnSqliteUnderTrafficBreaksNoInvariant()
    {
        await using var platform = await CrashPlatform.SqliteAsync();

        var violations = await CrashRun.RunAsync(platform, output, CrashRun.Duration, CrashRun.Kills);

        Assert.True(violations.Count == 0, $"{violations.Count} violations:\n{string.Join("\n", violations.Take(40))}");
    }

    [Fact, Trait("Category", "Crash")]
    public async Task KillingTheAllInOneProcessOnPostgresUnderTrafficBreaksNoInvariant()
    {
        await using var platform = await CrashPlatform.PostgresAsync();

        var violations = await CrashRun.RunAsync(platform, output, CrashRun.Duration, CrashRun.Kills);

        Assert.True(violations.Count == 0, $"{violations.Count} violations:\n{string.Join("\n", violations.Take(40))}");
    }

    [Fact, Trait("Category", "Crash")]
    public async Task KillingASiloOfAPostgresClusterUnderTrafficBreaksNoInvariant()
    {
        await using var platform = await CrashPlatform.PostgresClusterAsync();

        var violations = await CrashRun.RunAsync(platform, output, CrashRun.Duration, CrashRun.Kills);

        Assert.True(violations.Count == 0, $"{violations.Count} violations:\n{string.Join("\n", violations.Take(40))}");
    }
}
