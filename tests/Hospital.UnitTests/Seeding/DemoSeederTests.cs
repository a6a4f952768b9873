using Hospital.Contracts.Census;
using Hospital.Hosting.Seeding;
using Hospital.UnitTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hospital.UnitTests.Seeding;

[Collection(ClusterCollection.Name)]
public sealed class DemoSeederTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SeedingBuildsALivingHospitalAndSeedingAgainAddsNoBeds()
    {
        var seeder = new DemoSeeder(fixture.Grains, new Hospital.Hosting.Security.SecretFiles(Path.Combine(Path.GetTempPath(), "hospital-secrets-" + Guid.NewGuid().ToString("N"))), NullLogger<DemoSeeder>.Instance);
        var progress = new List<string>();

        var (wards, beds, admitted) = await seeder.SeedAsync(new SeedPlan(Wards: 3, BedsPerWard: 10), progress.Add);
        await seeder.SeedAsync(new SeedPlan(Wards: 3, BedsPerWard: 10));

        Assert.Equal((3, 30), (wards, beds));
        Assert.Equal(3, progress.Count(p => p.StartsWith("Seeded ward", StringComparison.Ordinal)));
        // The demo users, made last, mark the seed complete (another test of this cluster may have made them first).
        Assert.True(await seeder.IsCompleteAsync());
        var census = await fixture.Grains.GetGrain<IHospitalGrain>(0).GetCensus();
        var seeded = census.Wards.Where(w => w.WardId is "W01" or "W02" or "W03").ToList();
        Assert.Equal(30, seeded.Sum(w => w.Counts.Total));
        Assert.True(seeded.Sum(w => w.Counts.Occupied) > 0 && seeded.Sum(w => w.Counts.Occupied) >= admitted);
    }

    [Fact]
    public async Task ASeedCutShortBetweenCreatingBedsAndListingThemOnTheirWardIsCompletedByTheNextSeed()
    {
        var seeder = new DemoSeeder(fixture.Grains, new Hospital.Hosting.Security.SecretFiles(Path.Combine(Path.GetTempPath(), "hospital-secrets-" + Guid.NewGuid().ToString("N"))), NullLogger<DemoSeeder>.Instance);
        // What a crash inside AddBeds leaves: the ward exists, one bed exists for it, the ward does not list it yet.
        await fixture.Grains.GetGrain<Hospital.Contracts.Wards.IWardGrain>("W04").Create("Ward 04", Hospital.Contracts.Wards.SexPolicy.Mixed);
        await fixture.Grains.GetGrain<Hospital.Contracts.Beds.IBedGrain>("W04-05").Create("W04", "405", false);

        await seeder.SeedAsync(new SeedPlan(Wards: 4, BedsPerWard: 10));

        var board = await fixture.Grains.GetGrain<Hospital.Contracts.Wards.IWardGrain>("W04").GetBoard();
        Assert.Equal(10, board!.Beds.Count);
        Assert.True(await seeder.IsCompleteAsync());
    }
}
