using Hospital.Contracts.Patients;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Hospital.FunctionalTests.Clinical;

public sealed class PatientSearchTests : IAsyncLifetime
{
    private PlatformHost _host = null!;

    public async Task InitializeAsync() => _host = await PlatformHost.StartAsync(PlatformHost.Sqlite());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SearchFindsPatientsAmongTenThousandWithoutActivatingThem()
    {
        var index = _host.Services.GetRequiredService<IPatientIndex>();
        var random = new Random(7);
        string[] given = ["Ann", "Ben", "Zoë", "Omar", "Ines"];
        string[] family = ["Lee", "Leeson", "Patel", "Okafor", "Silva", "Novak"];
        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await index.UpsertAsync(new Patient($"S{i:D7}", new PersonName(given[random.Next(given.Length)], family[random.Next(family.Length)]),
                new DateOnly(1930 + i % 80, 1 + i % 12, 1 + i % 28), Sex.Unknown, null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1)));
        var mrn = await _host.Grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await _host.Grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(new PersonName("Zoë", "Quarrington"), new DateOnly(1971, 5, 6), Sex.Female));
        var before = await PatientActivationsAsync();

        var byName = await index.SearchAsync("zoe quar", null, null, 50);
        var byBirth = await index.SearchAsync(null, new DateOnly(1971, 5, 6), null, 50);
        var lees = await index.SearchAsync("lee", null, null, 200);

        Assert.Equal(mrn, Assert.Single(byName).Mrn);
        Assert.Contains(byBirth, p => p.Mrn == mrn);
        Assert.All(lees, p => Assert.StartsWith("lee", PatientNames.Normalize(p.Name.Family)));
        Assert.Equal(200, lees.Count);
        Assert.Equal(before, await PatientActivationsAsync());
    }

    private async Task<int> PatientActivationsAsync()
    {
        var stats = await _host.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return stats.Where(s => s.GrainType.Contains("PatientGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
