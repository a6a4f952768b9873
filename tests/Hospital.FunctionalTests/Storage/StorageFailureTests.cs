using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.FunctionalTests.Infrastructure;

namespace Hospital.FunctionalTests.Storage;

public sealed class StorageFailureTests
{
    [Fact]
    public async Task ADatabaseFailureReachesTheCallerAsStorageUnavailableNotAsACodecError()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await using var host = await PlatformHost.StartAsync(new Dictionary<string, string?>
        {
            ["Hospital:Storage"] = "Postgres",
            ["ConnectionStrings:Hospital"] = connectionString,
        });
        await PostgresServer.RenameTableAsync(connectionString, "hospital_journal", "hospital_journal_gone");

        var mrn = await host.Grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            host.Grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(new PersonName("Db", "Down"), new DateOnly(1970, 1, 1), Sex.Unknown)));

        Assert.Contains("database", error.Message);
    }

    [Fact]
    public async Task ADatabaseFailureWhileAGrainActivatesReachesTheCallerAsStorageUnavailable()
    {
        const string table = "hospital_grain_state";
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await using var host = await PlatformHost.StartAsync(new Dictionary<string, string?>
        {
            ["Hospital:Storage"] = "Postgres",
            ["ConnectionStrings:Hospital"] = connectionString,
        });
        var mrn = await host.Grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await PostgresServer.RenameTableAsync(connectionString, table, "state_gone");

        // The patient grain reads its state while it activates, before any call filter runs.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.Grains.GetGrain<IPatientGrain>(mrn).Get());

        var chain = new List<Exception>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }

        Assert.Contains(chain, e => e is StorageUnavailableException);
        Assert.DoesNotContain(chain, e => e is System.Data.Common.DbException);
    }
}
