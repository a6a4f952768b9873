using Hospital.Contracts.Common;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.Grains.Changes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Hospital.UnitTests.Infrastructure;

/// <summary>One in-process silo with in-memory grain storage, for tests of grain logic.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public InMemoryJournal Journal { get; } = new();

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(HospitalStorage.Name);
            silo.Services.AddSingleton<IJournal>(Journal);
            silo.Services.AddSingleton<IPatientIndex, InMemoryPatientIndex>();
            silo.UseInMemoryReminderService();
            silo.Services.AddOptions<Hospital.Grains.Inventory.InventoryOptions>();
            silo.Services.AddOptions<Hospital.Grains.Clinical.ClinicalOptions>();
            silo.Services.AddOptions<Hospital.Grains.Medications.MedicationOptions>();
            silo.Services.AddOptions<Hospital.Grains.Medications.HospitalZoneOptions>();
            silo.Services.AddOptions<Hospital.Grains.Beds.BedOptions>();
            silo.Services.AddSingleton(HospitalTime.Real);
            silo.Services.AddHospitalChanges(sweepOutbox: false);
            var key = new Dictionary<string, byte[]> { ["test"] = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32) };
            silo.Services.AddSingleton(new Hospital.Grains.Security.PlatformKeys(new("token-signing", "test", key, "test"), new("audit", "test", key, "test")));
            silo.Services.AddOptions<Hospital.Grains.Security.AuditOptions>();
            silo.Services.AddSingleton(new Hospital.Grains.Security.AuditCheckpointFile(Path.Combine(Path.GetTempPath(), "audit-" + Guid.NewGuid().ToString("N") + ".jsonl")));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
