using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;
using Hospital.Contracts.Errors;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;
using Hospital.UnitTests.Infrastructure;

namespace Hospital.UnitTests.Admissions;

/// <summary>
/// Property tests: random sequences of ADT and bed-status operations (legal or not) against a small hospital; after
/// every step a bed holds at most one patient, a patient at most one bed, every ward's census equals the count of its
/// beds' states, and the hospital total equals the sum of the wards.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AdtInvariantTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task InvariantsHoldAfterEveryStepOfARandomSequence(int seed)
    {
        var hospital = new HospitalBuilder(fixture.Grains);
        var random = new Random(seed);
        var wards = new[] { await hospital.Ward(SexPolicy.Mixed), await hospital.Ward(SexPolicy.Female) };
        var beds = new List<string>();
        foreach (var ward in wards)
        {
            for (var i = 0; i < 4; i++)
            {
                beds.Add(await hospital.Bed(ward, isolationCapable: i == 0));
            }
        }

        var patients = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            patients.Add(await hospital.Patient(i % 2 == 0 ? Sex.Female : Sex.Male));
        }

        var encounters = new List<string>();
        var applied = 0;
        for (var step = 0; step < 60; step++)
        {
            var operation = await Step(hospital, random, beds, patients, encounters);
            applied += operation.EndsWith(" ok") ? 1 : 0;
            await AssertInvariants(hospital, wards, beds, patients, $"seed {seed}, step {step}: {operation}");
        }

        // The sequence must really move the hospital, not just collect refusals.
        Assert.True(applied >= 10, $"only {applied} of 60 operations applied");
    }

    private static async Task<string> Step(HospitalBuilder hospital, Random random, List<string> beds, List<string> patients, List<string> encounters)
    {
        string Pick(List<string> items) => items[random.Next(items.Count)];
        var grains = hospital.Grains;
        var choice = random.Next(encounters.Count == 0 ? 3 : 10);
        var operation = choice switch
        {
            0 or 1 => $"admit {Pick(patients)} -> {Pick(beds)}",
            2 => $"status {Pick(beds)} {(BedStatus)random.Next(6)}",
            3 => $"transfer {Pick(encounters)} -> {Pick(beds)}",
            4 => $"discharge {Pick(encounters)}",
            5 => $"cancel-admission {Pick(encounters)}",
            6 => $"cancel-transfer {Pick(encounters)}",
            7 => $"cancel-discharge {Pick(encounters)}",
            8 => $"swap {Pick(encounters)} {Pick(encounters)}",
            _ => $"reserve {Pick(beds)} {Pick(patients)}",
        };
        var parts = operation.Split(' ');
        try
        {
            switch (parts[0])
            {
                case "admit":
                    var encounter = await hospital.Admit(parts[1], parts[3], isolation: random.Next(4) == 0);
                    encounters.Add(encounter.EncounterId);
                    break;
                case "status":
                    await grains.GetGrain<IBedGrain>(parts[1]).SetStatus(Enum.Parse<BedStatus>(parts[2]), "maintenance");
                    break;
                case "transfer": await hospital.Encounter(parts[1]).Transfer(parts[3]); break;
                case "discharge": await hospital.Encounter(parts[1]).Discharge(); break;
                case "cancel-admission": await hospital.Encounter(parts[1]).CancelAdmission(); break;
                case "cancel-transfer": await hospital.Encounter(parts[1]).CancelTransfer(); break;
                case "cancel-discharge": await hospital.Encounter(parts[1]).CancelDischarge(); break;
                case "swap": await hospital.Encounter(parts[1]).SwapWith(parts[2]); break;
                case "reserve": await grains.GetGrain<IBedGrain>(parts[1]).Reserve(parts[2], "XX", null); break;
            }

            return operation + " ok";
        }
        catch (HospitalException e)
        {
            return $"{operation} refused ({e.Title})";
        }
    }

    private static async Task AssertInvariants(HospitalBuilder hospital, string[] wards, List<string> beds, List<string> patients, string context)
    {
        var grains = hospital.Grains;
        var bedStates = await Task.WhenAll(beds.Select(hospital.BedState));
        foreach (var bed in bedStates)
        {
            Assert.True((bed.Status == BedStatus.Occupied) == (bed.EncounterId is not null), $"{context}: bed {bed.Id} {bed.Status} with encounter {bed.EncounterId}");
        }

        // A patient is in at most one bed, and in exactly the bed their current encounter names.
        foreach (var mrn in patients)
        {
            var held = bedStates.Where(b => b.Status == BedStatus.Occupied && b.Mrn == mrn).ToList();
            Assert.True(held.Count <= 1, $"{context}: {mrn} holds {held.Count} beds");
            var patient = (await grains.GetGrain<IPatientGrain>(mrn).Get())!;
            var current = patient.CurrentEncounterId is { } id ? await hospital.Encounter(id).Get() : null;
            if (current is { Status: EncounterStatus.InProgress })
            {
                var bed = Assert.Single(held);
                Assert.Equal(current.BedId, bed.Id);
            }
            else
            {
                Assert.True(held.Count == 0, $"{context}: {mrn} not admitted but holds {held.FirstOrDefault()?.Id}");
            }
        }

        var hospitalCensus = await grains.GetGrain<IHospitalGrain>(0).GetCensus();
        foreach (var wardId in wards)
        {
            var census = (await grains.GetGrain<IWardGrain>(wardId).GetCensus())!.Counts;
            var own = bedStates.Where(b => b.WardId == wardId).ToList();
            Assert.True(census.Total == own.Count, $"{context}: {wardId} total");
            foreach (var status in Enum.GetValues<BedStatus>())
            {
                Assert.True(Count(census, status) == own.Count(b => b.Status == status), $"{context}: {wardId} {status} {Count(census, status)} vs beds {own.Count(b => b.Status == status)}");
            }

            Assert.Equal(census, hospitalCensus.Wards.Single(w => w.WardId == wardId).Counts);
        }

        var total = hospitalCensus.Wards.Aggregate(CensusCounts.Empty, (a, w) => a + w.Counts);
        Assert.Equal(total, hospitalCensus.Hospital);
    }

    private static int Count(CensusCounts c, BedStatus status) => status switch
    {
        BedStatus.Available => c.Available,
        BedStatus.Reserved => c.Reserved,
        BedStatus.Occupied => c.Occupied,
        BedStatus.Dirty => c.Dirty,
        BedStatus.Cleaning => c.Cleaning,
        _ => c.Blocked,
    };
}
