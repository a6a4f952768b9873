using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Patients;

[Collection(ClusterCollection.Name)]
public sealed class PatientGrainTests(ClusterFixture fixture)
{
    private static readonly Demographics Ann = new(new PersonName("Ann", "Lee"), new DateOnly(1950, 2, 3), Sex.Female);

    private async Task<string> NewMrn() => await fixture.Grains.GetGrain<IMrnAllocatorGrain>(0).Next();

    [Fact]
    public async Task RegisteringAPatientStoresTheDemographicsAtVersionOne()
    {
        var mrn = await NewMrn();

        var patient = await fixture.Grains.GetGrain<IPatientGrain>(mrn).Register(Ann);

        Assert.Equal(mrn, patient.Mrn);
        Assert.Equal("Lee", patient.Name.Family);
        Assert.Equal(1, patient.Version);
        Assert.Equal(patient, await fixture.Grains.GetGrain<IPatientGrain>(mrn).Get());
    }

    [Fact]
    public async Task ANameTooLongOnceFoldedIsRefusedAndRegistersNothing()
    {
        var mrn = await NewMrn();
        var patient = fixture.Grains.GetGrain<IPatientGrain>(mrn);

        var error = await Assert.ThrowsAsync<HospitalException>(() => patient.Register(Ann with { Name = new PersonName(new string('ß', 101), "Lee") }));

        Assert.Equal((HospitalErrorKind.Invalid, "name.given"), (error.Kind, error.Field));
        Assert.Null(await patient.Get());
    }

    [Fact]
    public async Task RegisteringTheSameMrnTwiceIsAConflict()
    {
        var mrn = await NewMrn();
        await fixture.Grains.GetGrain<IPatientGrain>(mrn).Register(Ann);

        var error = await Assert.ThrowsAsync<HospitalException>(() => fixture.Grains.GetGrain<IPatientGrain>(mrn).Register(Ann));

        Assert.Equal(HospitalErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task UpdatingDemographicsBumpsTheVersionAndJournalsBeforeAndAfter()
    {
        var mrn = await NewMrn();
        var grain = fixture.Grains.GetGrain<IPatientGrain>(mrn);
        await grain.Register(Ann);

        var updated = await grain.UpdateDemographics(Ann with { Name = new PersonName("Ann", "Lee-Smith") });

        Assert.Equal(2, updated.Version);
        var entries = await fixture.Journal.QueryAsync(new JournalQuery(PatientId: mrn));
        Assert.Equal(["PatientRegistered", "PatientDemographicsUpdated"], entries.Select(e => e.Kind));
        Assert.Contains("Lee-Smith", entries[1].Payload);
    }

    [Fact]
    public async Task UpdatingAnUnregisteredPatientIsNotFound()
    {
        var error = await Assert.ThrowsAsync<HospitalException>(() =>
            fixture.Grains.GetGrain<IPatientGrain>("H-NOBODY").UpdateDemographics(Ann));

        Assert.Equal(HospitalErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task MrnsAreNeverHandedOutTwice()
    {
        var allocator = fixture.Grains.GetGrain<IMrnAllocatorGrain>(0);

        var mrns = await Task.WhenAll(Enumerable.Range(0, 500).Select(_ => allocator.Next()));

        Assert.Equal(mrns.Length, mrns.Distinct().Count());
    }
}
