using System.Diagnostics;
using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Common;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Admissions;

/// <summary>Multi-grain workflows: no deadlocks between opposite requests, no half-done outcome, retries answer once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkflowTests(ClusterFixture fixture)
{
    private readonly HospitalBuilder _hospital = new(fixture.Grains);

    [Fact]
    public async Task OppositeSwapsOfOnePairBothAnswerPromptlyAndLeaveEachPatientInOneBed()
    {
        var ward = await _hospital.Ward();
        var (bedA, bedB) = (await _hospital.Bed(ward), await _hospital.Bed(ward));
        var a = await _hospital.Admit(await _hospital.Patient(), bedA);
        var b = await _hospital.Admit(await _hospital.Patient(), bedB);
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[]
        {
            _hospital.Encounter(a.EncounterId).SwapWith(b.EncounterId),
            _hospital.Encounter(b.EncounterId).SwapWith(a.EncounterId),
        }));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        await AssertOneBedEach(a.EncounterId, b.EncounterId);
    }

    [Fact]
    public async Task SwapsSharingAnEncounterNeverDeadlock()
    {
        var ward = await _hospital.Ward();
        var beds = new[] { await _hospital.Bed(ward), await _hospital.Bed(ward), await _hospital.Bed(ward) };
        var encounters = new List<string>();
        foreach (var bed in beds)
        {
            encounters.Add((await _hospital.Admit(await _hospital.Patient(), bed)).EncounterId);
        }

        var clock = Stopwatch.StartNew();
        var swaps = new[] { (0, 1), (1, 2), (2, 0), (1, 0), (2, 1), (0, 2) }
            .Select(p => _hospital.Encounter(encounters[p.Item1]).SwapWith(encounters[p.Item2]))
            .ToList();
        foreach (var swap in swaps)
        {
            try
            {
                await swap;
            }
            catch (HospitalException)
            {
                // Another swap held one of the two: refused with 409, never left waiting.
            }
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        await AssertOneBedEach([.. encounters]);
    }

    [Fact]
    public async Task ASwapRacingADischargeNeverLeavesADischargedPatientInABed()
    {
        for (var round = 0; round < 5; round++)
        {
            var ward = await _hospital.Ward();
            var (bedA, bedB) = (await _hospital.Bed(ward), await _hospital.Bed(ward));
            var a = await _hospital.Admit(await _hospital.Patient(), bedA);
            var b = await _hospital.Admit(await _hospital.Patient(), bedB);

            var swap = _hospital.Encounter(a.EncounterId).SwapWith(b.EncounterId);
            var discharge = _hospital.Encounter(b.EncounterId).Discharge();
            await Task.WhenAll(Quietly(swap), Quietly(discharge));

            foreach (var bed in new[] { bedA, bedB })
            {
                if ((await _hospital.BedState(bed)).EncounterId is { } occupant)
                {
                    Assert.Equal(EncounterStatus.InProgress, (await _hospital.Encounter(occupant).Get())!.Status);
                }
            }

            var finished = await _hospital.Encounter(b.EncounterId).Get();
            if (finished!.Status == EncounterStatus.Finished)
            {
                Assert.NotEqual(b.EncounterId, (await _hospital.BedState(bedA)).EncounterId);
                Assert.NotEqual(b.EncounterId, (await _hospital.BedState(bedB)).EncounterId);
            }
        }
    }

    [Fact]
    public async Task ARetriedTransferUnderOneOperationAnswersWithItsFirstOutcome()
    {
        var ward = await _hospital.Ward();
        var (from, to) = (await _hospital.Bed(ward), await _hospital.Bed(ward));
        var admitted = await _hospital.Admit(await _hospital.Patient(), from);
        RequestContext.Set(Operation.ContextKey, "transfer-" + Guid.NewGuid());
        try
        {
            var first = await _hospital.Encounter(admitted.EncounterId).Transfer(to);
            var retried = await _hospital.Encounter(admitted.EncounterId).Transfer(to);

            Assert.Equal((first.Version, first.BedId, 2), (retried.Version, retried.BedId, retried.Locations.Count));
        }
        finally
        {
            RequestContext.Remove(Operation.ContextKey);
        }
    }

    [Fact]
    public async Task ARetriedAdmissionUnderOneOperationMakesOneEncounter()
    {
        var ward = await _hospital.Ward();
        var bed = await _hospital.Bed(ward);
        var mrn = await _hospital.Patient();
        RequestContext.Set(Operation.ContextKey, "admit-" + Guid.NewGuid());
        try
        {
            var first = await _hospital.Admit(mrn, bed);
            var retried = await _hospital.Admit(mrn, bed);

            Assert.Equal(first.EncounterId, retried.EncounterId);
            Assert.Equal(first.EncounterId, (await fixture.Grains.GetGrain<IPatientGrain>(mrn).Get())!.CurrentEncounterId);
        }
        finally
        {
            RequestContext.Remove(Operation.ContextKey);
        }
    }

    [Fact]
    public async Task ResumingAWorkflowThatFinishedChangesNothing()
    {
        var ward = await _hospital.Ward();
        var (from, to) = (await _hospital.Bed(ward), await _hospital.Bed(ward));
        var admitted = await _hospital.Admit(await _hospital.Patient(), from);
        var moved = await _hospital.Encounter(admitted.EncounterId).Transfer(to);

        await _hospital.Encounter(admitted.EncounterId).Resume();

        var after = (await _hospital.Encounter(admitted.EncounterId).Get())!;
        Assert.Equal((moved.Version, moved.BedId), (after.Version, after.BedId));
        Assert.Equal(BedStatus.Dirty, (await _hospital.BedState(from)).Status);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (HospitalException)
        {
        }
    }

    private async Task AssertOneBedEach(params string[] encounterIds)
    {
        var beds = new HashSet<string>();
        foreach (var id in encounterIds)
        {
            var encounter = (await _hospital.Encounter(id).Get())!;
            Assert.Equal(EncounterStatus.InProgress, encounter.Status);
            Assert.True(beds.Add(encounter.BedId), $"two encounters in bed {encounter.BedId}");
            Assert.Equal(id, (await _hospital.BedState(encounter.BedId)).EncounterId);
        }
    }

    [Fact]
    public async Task ALateEndOfADischargeThatWasCancelledLeavesThePatientAdmitted()
    {
        var ward = await _hospital.Ward();
        var bed = await _hospital.Bed(ward);
        var mrn = await _hospital.Patient();
        var admitted = await _hospital.Admit(mrn, bed);
        var encounter = _hospital.Encounter(admitted.EncounterId);
        await encounter.Discharge();
        await encounter.CancelDischarge();

        // The discharge's message delivered again (the sweeper after a crash): the resumed admission stands.
        await fixture.Grains.GetGrain<IPatientGrain>(mrn).EncounterEnded(admitted.EncounterId);

        Assert.Equal(admitted.EncounterId, (await fixture.Grains.GetGrain<IPatientGrain>(mrn).Get())!.CurrentEncounterId);
        var other = await _hospital.Bed(ward);
        var again = await Assert.ThrowsAsync<HospitalException>(() => _hospital.Admit(mrn, other));
        Assert.Equal("Patient already admitted", again.Title);
    }
}
