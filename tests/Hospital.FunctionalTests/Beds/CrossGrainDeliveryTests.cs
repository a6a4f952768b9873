using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hospital.FunctionalTests.Beds;

/// <summary>
/// A change whose message to another grain fails after it committed (the ward's or the hospital's side, a timeout, a
/// crash) is still whole: the change stands, and the outbox sweeper delivers the message, so the other grain catches up.
/// </summary>
public sealed class CrossGrainDeliveryTests : IAsyncLifetime
{
    private readonly FaultyCalls _faults = new();
    private PlatformHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await PlatformHost.StartAsync(PlatformHost.Sqlite(), s => s.AddSingleton<IIncomingGrainCallFilter>(_faults));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AWardTheHospitalDidNotHearOfAppearsInTheCensusOnceTheSweeperDelivers()
    {
        var grains = _host.Grains;
        var ward = "XW" + Guid.NewGuid().ToString("N")[..6];
        _faults.FailBefore("IHospitalGrain.RegisterWard");

        await grains.GetGrain<IWardGrain>(ward).Create("Delivered later", SexPolicy.Mixed);

        Assert.NotNull(await grains.GetGrain<IWardGrain>(ward).GetProfile());
        Assert.True(await FaultyCalls.EventuallyAsync(async () =>
            (await grains.GetGrain<IHospitalGrain>(0).GetWards()).Any(w => w.Id == ward)), "the hospital never learnt of the ward");
        await Assert.ThrowsAsync<HospitalException>(() => grains.GetGrain<IWardGrain>(ward).Create("Again", SexPolicy.Mixed));
    }

    [Fact]
    public async Task AnAdmissionWhoseWardWasNotToldIsWholeAndTheWardCatchesUp()
    {
        var grains = _host.Grains;
        var ward = "XA" + Guid.NewGuid().ToString("N")[..6];
        await grains.GetGrain<IWardGrain>(ward).Create("Admissions", SexPolicy.Mixed);
        await grains.GetGrain<IWardGrain>(ward).AddBeds([new NewBed(ward + "-1", "1", false), new NewBed(ward + "-2", "2", false)]);
        var mrn = await grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        var patient = grains.GetGrain<IPatientGrain>(mrn);
        await patient.Register(new Demographics(new PersonName("Cy", "Ward"), new DateOnly(1960, 5, 5), Sex.Male));
        _faults.FailBefore("IWardGrain.BedChanged");

        var admitted = await patient.Admit(new AdmitCommand(mrn, ward + "-1", false, null, null));

        Assert.Equal(EncounterStatus.InProgress, (await grains.GetGrain<IEncounterGrain>(admitted.EncounterId).Get())!.Status);
        Assert.Equal(admitted.EncounterId, (await grains.GetGrain<IBedGrain>(ward + "-1").Get())!.EncounterId);
        await Assert.ThrowsAsync<HospitalException>(() => patient.Admit(new AdmitCommand(mrn, ward + "-2", false, null, null)));
        Assert.Equal(BedStatus.Available, (await grains.GetGrain<IBedGrain>(ward + "-2").Get())!.Status);
        Assert.True(await FaultyCalls.EventuallyAsync(async () =>
            (await grains.GetGrain<IWardGrain>(ward).GetCensus())!.Counts.Occupied == 1), "the ward never learnt of the admission");
    }
}
