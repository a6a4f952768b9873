using Hospital.Contracts.Beds;
using Hospital.Contracts.Errors;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Beds;

[Collection(ClusterCollection.Name)]
public sealed class BedLifecycleTests(ClusterFixture fixture)
{
    private readonly HospitalBuilder _hospital = new(fixture.Grains);

    private async Task<IBedGrain> NewBed()
    {
        var ward = await _hospital.Ward();
        return fixture.Grains.GetGrain<IBedGrain>(await _hospital.Bed(ward));
    }

    [Fact]
    public async Task ANewBedIsAvailableAtVersionOne()
    {
        var bed = await (await NewBed()).Get();

        Assert.Equal((BedStatus.Available, 1L), (bed!.Status, bed.Version));
    }

    [Fact]
    public async Task ADirtyBedIsCleanedAndMadeAvailableWithTheVersionRisingEachTime()
    {
        var bed = await NewBed();
        await bed.SetStatus(BedStatus.Blocked, "maintenance");
        await bed.SetStatus(BedStatus.Dirty, null);

        await bed.SetStatus(BedStatus.Cleaning, null);
        var available = await bed.SetStatus(BedStatus.Available, null);

        Assert.Equal((BedStatus.Available, 5L), (available.Status, available.Version));
        Assert.Null(available.Reason);
    }

    [Fact]
    public async Task AskingForTheCurrentStatusChangesNothing()
    {
        var bed = await NewBed();

        var same = await bed.SetStatus(BedStatus.Available, null);

        Assert.Equal(1, same.Version);
    }

    [Theory]
    [InlineData(BedStatus.Cleaning, new[] { "Reserved", "Occupied", "Blocked" })]
    [InlineData(BedStatus.Dirty, new[] { "Reserved", "Occupied", "Blocked" })]
    public async Task AnIllegalTransitionIsAConflictNamingTheAllowedStatuses(BedStatus wanted, string[] allowed)
    {
        var bed = await NewBed();

        var error = await Assert.ThrowsAsync<HospitalException>(() => bed.SetStatus(wanted, null));

        Assert.Equal(HospitalErrorKind.Conflict, error.Kind);
        Assert.Equal(allowed, error.Allowed);
        Assert.Equal(1, (await bed.Get())!.Version);
    }

    [Fact]
    public async Task OccupiedIsReachedOnlyThroughAnAdmission()
    {
        var bed = await NewBed();

        var error = await Assert.ThrowsAsync<HospitalException>(() => bed.SetStatus(BedStatus.Occupied, null));

        Assert.Equal(HospitalErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task ABlockedBedKeepsItsReason()
    {
        var bed = await NewBed();

        var blocked = await bed.SetStatus(BedStatus.Blocked, "isolation");

        Assert.Equal((BedStatus.Blocked, "isolation"), (blocked.Status, blocked.Reason));
    }

    [Fact]
    public async Task AReservationLapsesAtItsTime()
    {
        var bed = await NewBed();
        var mrn = await _hospital.Patient();

        await bed.Reserve(mrn, "AL", DateTimeOffset.UtcNow.AddMilliseconds(300));
        await Task.Delay(1500);

        Assert.Equal(BedStatus.Available, (await bed.Get())!.Status);
    }

    [Fact]
    public async Task TheBedRefusesAReservationBeyondTheLimitAsInvalidUntil()
    {
        var bed = await NewBed();
        var mrn = await _hospital.Patient();

        var refused = await Assert.ThrowsAsync<HospitalException>(() => bed.Reserve(mrn, "AL", DateTimeOffset.UtcNow.AddDays(60)));

        Assert.Equal((HospitalErrorKind.Invalid, "until"), (refused.Kind, refused.Field));
        Assert.Equal((BedStatus.Available, 1L), ((await bed.Get())!.Status, (await bed.Get())!.Version));
    }

    [Fact]
    public async Task ChangingAReservationsTimeMovesItsLapse()
    {
        var bed = await NewBed();
        var mrn = await _hospital.Patient();
        await bed.Reserve(mrn, "AL", DateTimeOffset.UtcNow.AddDays(1));

        await bed.Reserve(mrn, "AL", DateTimeOffset.UtcNow.AddMilliseconds(300));
        await Task.Delay(1500);

        Assert.Equal(BedStatus.Available, (await bed.Get())!.Status);
    }
}
