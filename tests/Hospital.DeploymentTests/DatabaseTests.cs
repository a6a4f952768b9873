using Hospital.DeploymentTests.Infrastructure;

namespace Hospital.DeploymentTests;

/// <summary>The demo database is a stock PostgreSQL: the platform's connection budget must fit it, not the reverse.</summary>
public sealed class DatabaseTests
{
    [Fact]
    public void NoManifestRaisesPostgresMaxConnections()
    {
        var raising = ManifestSet.Repository.ManifestFiles
            .Where(f => File.ReadAllText(ManifestSet.Repository.FullPath(f)).Split('\n').Any(line => !line.TrimStart().StartsWith('#') && line.Contains("max_connections")));

        Assert.Empty(raising);
    }
}
