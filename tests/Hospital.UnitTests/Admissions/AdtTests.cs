using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Journal;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Admissions;

[Collection(ClusterCollection.Name)]
public sealed class AdtTests(ClusterFixture fixture)
{
    private readonly HospitalBuilder _hospital = new(fixture.Grains);

    [Fact]
    public async Task AdmittingPutsThePatientInTheBed()
    {
        var ward = await _hospital.Ward();
        var bed = await _hospital.Bed(ward);
        var mrn = await _hospital.Patient();

        var encounter = await _hospital.Admit(mrn, bed);

        var occupied = await _hospital.BedState(bed);
        Assert.Equal((BedStatus.Occupied, mrn, encounter.EncounterId), (occupied.Status, occupied.Mrn, occupied.EncounterId));
        Assert.Equal(EncounterStatus.InProgress, encounter.Status);
        Assert.Equal(encounter.EncounterId, (await fixture.Grains.GetGrain<IPatientGrain>(mrn).Get())!.CurrentEncounterId);
    }

    [Fact]
    public async Task AdmittingIntoAnOccupiedBedIsRejected()
    {
        var ward = await _hospital.Ward();
        var bed = await _hospital.Bed(ward);
        await _hospital.Admit(await _hospital.Patient(), bed);
        var second = await _hospital.Patient();

        var error = await Assert.ThrowsAsync<HospitalException>(() => _hospital.Admit(second, bed));

        Assert.Equal(HospitalErrorKind.Conflict, error.Kind);
        Assert.Null((await fixture.Grains.GetGrain<IPatientGrain>(second).Get())!.CurrentEncounterId);
    }

    [Fact]
    public async Task AdmittingIntoABedThatDoesNotExistChangesNothingAndThePatientCanBeAdmittedElsewhere()
    {
        var ward = await _hospital.Ward();
        var mrn = await _hospital.Patient();

        var error = await Assert.ThrowsAsync<HospitalException>(() => _hospital.Admit(mrn, "NO-SUCH-BED-" + Guid.NewGuid().ToString("N")[..6]));

        Assert.Equal(HospitalErrorKind.NotFound, error.Kind);
        Assert.Null((await fixture.Grains.GetGrain<IPatientGrain>(mrn).Get())!.CurrentEncounterId);
        var bed = await _hospital.Bed(ward);
        var encounter = await _hospital.Admit(mrn, bed);
        Assert.Equal((bed, EncounterStatus.InProgress), (encounter.BedId, encounter.Status));
    }

    [Fact]
    public async Task AnAdmittedPatientCannotBeAdmittedAgain()
    {
        var ward = await _hospital.Ward();
        var mrn = await _hospital.Patient();
        await _hospital.Admit(mrn, await _hospital.Bed(ward));
        var other = await _hospital.Bed(ward);

        await Assert.ThrowsAsync<HospitalException>(() => _hospital.Admit(mrn, other));

        Assert.Equal(BedStatus.Available, (await _hospital.BedState(other)).Status);
    }

    [Fact]
    public async Task AnIsolationPatientNeedsAnIsolationCapableBed()
    {
        var ward = await _hospital.Ward();
        var plain = await _hospital.Bed(ward);
        var side = await _hospital.Bed(ward, isolationCapable: true);
        var mrn = await _hospital.Patient();

        await Assert.ThrowsAsync<HospitalException>(() => _hospital.Admit(mrn, plain, isolation: true));
        var encounter = await _hospital.Admit(mrn, side, isolation: true);

        Assert.Equal(side, encounter.BedId);
    }

    [Theory]
    [InlineData(SexPolicy.Female, Sex.Male, false)]
    [InlineData(SexPolicy.Female, Sex.Female, true)]
    [InlineData(SexPolicy.Male, Sex.Female, false)]
    [InlineData(SexPolicy.Mixed, Sex.Other, true)]
    public async Task TheWardSexPolicyIsRespected(SexPolicy policy, Sex sex, bool admitted)
    {
        var ward = await _hospital.Ward(policy);
        var bed = await _hospital.Bed(ward);
        var mrn = await _hospital.Patient(sex);

        var attempt = await Record.ExceptionAsync(() => _hospital.Admit(mrn, bed));

        Assert.Equal(admitted, attempt is null);
    }

    [Fact]
    public async Task TransferringMovesThePatientAndLeavesTheOldBedDirty()
    {
        var ward = await _hospital.Ward();
        var other = await _hospital.Ward();
        var from = await _hospital.Bed(ward);
        var to = await _hospital.Bed(other);
        var encounter = await _hospital.Admit(await _hospital.Patient(), from);

        var moved = await _hospital.Encounter(encounter.EncounterId).Transfer(to);

        Assert.Equal(BedStatus.Dirty, (await _hospital.BedState(from)).Status);
        Assert.Equal(encounter.EncounterId, (await _hospital.BedState(to)).EncounterId);
        Assert.Equal([from, to], moved.Locations.Select(l => l.BedId));
        Assert.NotNull(moved.Locations[0].To);
        Assert.Null(moved.Locations[1].To);
        Assert.Equal(other, moved.WardId);
    }

    [Fact]
    public async Task DischargingFinishesTheEncounterAndLeavesTheBedDirty()
    {
        var ward = await _hospital.Ward();
        var bed = await _hospital.Bed(ward);
        var mrn = await _hospital.Patient();
        var encounter = await _hospital.Admit(mrn, bed);

        var finished = await _hospital.Encounter(encounter.EncounterId).Discharge();

        Assert.Equal(EncounterStatus.Finished, finished.Status);
        Assert.Equal(BedStatus.Dirty, (await _hospital.BedState(bed)).Status);
        Assert.Null((await fixture.Grains.GetGrain<IPatientGrain>(mrn).Get())!.CurrentEncounterId);
        var kinds = (await fixture.Journal.QueryAsync(new JournalQuery(EntityId: encounter.EncounterId))).Select(e => e.Kind);
        Assert.Equal(["Admitted", "Discharged"], kinds);
    }

    [Fact]
    public async Task CancellingAnAdmissionFreesTheBed()
    {
        var ward = await _hospital.Ward();
        var bed = await _hospital.Bed(ward);
        var mrn = await _hospital.Patient();
        var encounter = await _hospital.Admit(mrn, bed);

        var cancelled = await _hospital.Encounter(encounter.EncounterId).CancelAdmission();

        Assert.Equal(EncounterStatus.Cancelled, cancelled.Status);
        Assert.Equal(BedStatus.Available, (await _hospital.BedState(bed)).Status);
        await _hospital.Admit(mrn, bed);
    }

    [Fact]
    public async Task CancellingATransferPutsThePatientBack()
    {
        var ward = await _hospital.Ward();
        var from = await _hospital.Bed(ward);
        var to = await _hospital.Bed(ward);
        var encounter = await _hospital.Admit(await _hospital.Patient(), from);
        await _hospital.Encounter(encounter.EncounterId).Transfer(to);

        var back = await _hospital.Encounter(encounter.EncounterId).CancelTransfer();

        Assert.Equal(from, back.BedId);
        Assert.Equal(encounter.EncounterId, (await _hospital.BedState(from)).EncounterId);
        Assert.Equal(BedStatus.Available, (await _hospital.BedState(to)).Status);
        Assert.Single(back.Locations);
    }

    [Fact]
    public async Task CancellingADischargeResumesTheStayWhileTheBedIsUnused()
    {
        var ward = await _hospital.Ward();
        var bed = await _hospital.Bed(ward);
        var mrn = await _hospital.Patient();
        var encounter = await _hospital.Admit(mrn, bed);
        await _hospital.Encounter(encounter.EncounterId).Discharge();

        var resumed = await _hospital.Encounter(encounter.EncounterId).CancelDischarge();

        Assert.Equal(EncounterStatus.InProgress, resumed.Status);
        Assert.Equal(BedStatus.Occupied, (await _hospital.BedState(bed)).Status);
        Assert.Equal(encounter.EncounterId, (await fixture.Grains.GetGrain<IPatientGrain>(mrn).Get())!.CurrentEncounterId);
    }

    [Fact]
    public async Task ADischargeCannotBeCancelledOnceTheBedIsTakenAgain()
    {
        var ward = await _hospital.Ward();
        var bed = await _hospital.Bed(ward);
        var encounter = await _hospital.Admit(await _hospital.Patient(), bed);
        await _hospital.Encounter(encounter.EncounterId).Discharge();
        await fixture.Grains.GetGrain<IBedGrain>(bed).SetStatus(BedStatus.Available, null);
        await _hospital.Admit(await _hospital.Patient(), bed);

        await Assert.ThrowsAsync<HospitalException>(() => _hospital.Encounter(encounter.EncounterId).CancelDischarge());

        Assert.Equal(EncounterStatus.Finished, (await _hospital.Encounter(encounter.EncounterId).Get())!.Status);
    }

    [Fact]
    public async Task SwappingExchangesTwoPatientsBeds()
    {
        var ward = await _hospital.Ward();
        var (bedA, bedB) = (await _hospital.Bed(ward), await _hospital.Bed(ward));
        var a = await _hospital.Admit(await _hospital.Patient(), bedA);
        var b = await _hospital.Admit(await _hospital.Patient(), bedB);

        await _hospital.Encounter(a.EncounterId).SwapWith(b.EncounterId);

        Assert.Equal(b.EncounterId, (await _hospital.BedState(bedA)).EncounterId);
        Assert.Equal(a.EncounterId, (await _hospital.BedState(bedB)).EncounterId);
        Assert.Equal(bedB, (await _hospital.Encounter(a.EncounterId).Get())!.BedId);
        Assert.Equal(bedA, (await _hospital.Encounter(b.EncounterId).Get())!.BedId);
    }

    [Fact]
    public async Task AReservedBedTakesOnlyItsPatient()
    {
        var ward = await _hospital.Ward();
        var bed = await _hospital.Bed(ward);
        var (reservedFor, other) = (await _hospital.Patient(), await _hospital.Patient());
        await fixture.Grains.GetGrain<IBedGrain>(bed).Reserve(reservedFor, "AL", null);

        await Assert.ThrowsAsync<HospitalException>(() => _hospital.Admit(other, bed));
        await _hospital.Admit(reservedFor, bed);

        Assert.Equal(reservedFor, (await _hospital.BedState(bed)).Mrn);
    }

    [Fact]
    public async Task ManySimultaneousAdmitsIntoOneBedLetExactlyOneIn()
    {
        var ward = await _hospital.Ward();
        var bed = await _hospital.Bed(ward);
        var patients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _hospital.Patient()));

        var attempts = await Task.WhenAll(patients.Select(p => Record.ExceptionAsync(() => _hospital.Admit(p, bed))));

        Assert.Single(attempts, a => a is null);
        Assert.All(attempts.OfType<HospitalException>(), e => Assert.Equal(HospitalErrorKind.Conflict, e.Kind));
        Assert.Equal(19, attempts.Count(a => a is not null));
    }

    [Fact]
    public async Task TheWardQueuesPendingAdmissionsByPriorityThenArrival()
    {
        var ward = fixture.Grains.GetGrain<IWardGrain>(await _hospital.Ward());
        await ward.RequestAdmission(await _hospital.Patient(), "AA", Priority.Routine, false, null, null);
        await ward.RequestAdmission(await _hospital.Patient(), "BB", Priority.Emergency, false, null, null);
        await ward.RequestAdmission(await _hospital.Patient(), "CC", Priority.Routine, false, null, null);

        var queue = await ward.GetPendingAdmissions();

        Assert.Equal(["BB", "AA", "CC"], queue.Select(q => q.PatientInitials));
        Assert.Equal(3, (await ward.GetCensus())!.Counts.PendingAdmissions);
    }
}
