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
        var seeder = new DemoSeeder(fixture.Grains, NullLogger<DemoSeeder>.Instance);
        var progress = new List<string>();

        var (wards, beds, admitted) = await seeder.SeedAsync(new SeedPlan(Wards: 3, BedsPerWard: 10), progress.Add);
        await seeder.SeedAsync(new SeedPlan(Wards: 3, BedsPerWard: 10));

        Assert.Equal((3, 30), (wards, beds));
        Assert.Equal(3, progress.Count(p => p.StartsWith("Seeded ward", StringComparison.Ordinal)));
        Assert.Contains(progress, p => p.StartsWith("Demo users", StringComparison.Ordinal));
        var census = await fixture.Grains.GetGrain<IHospitalGrain>(0).GetCensus();
        var seeded = census.Wards.Where(w => w.WardId is "W01" or "W02" or "W03").ToList();
        Assert.Equal(30, seeded.Sum(w => w.Counts.Total));
        Assert.True(admitted > 0 && seeded.Sum(w => w.Counts.Occupied) >= admitted);
    }
}
