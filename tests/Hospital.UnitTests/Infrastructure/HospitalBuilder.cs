using Hospital.Contracts.Admissions;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;

namespace Hospital.UnitTests.Infrastructure;

/// <summary>Builds wards, beds and patients with unique ids, so tests sharing a cluster never collide.</summary>
public sealed class HospitalBuilder(IGrainFactory grains)
{
    private readonly string _prefix = "T" + Guid.NewGuid().ToString("N")[..6];

    public IGrainFactory Grains => grains;

    public async Task<string> Ward(SexPolicy policy = SexPolicy.Mixed, int beds = 0, bool isolationCapable = false)
    {
        var id = $"{_prefix}-W{Guid.NewGuid().ToString("N")[..4]}";
        await grains.GetGrain<IWardGrain>(id).Create("Ward " + id, policy);
        for (var i = 1; i <= beds; i++)
        {
            await Bed(id, isolationCapable);
        }

        return id;
    }

    public async Task<string> Bed(string wardId, bool isolationCapable = false)
    {
        var id = $"{wardId}-B{Guid.NewGuid().ToString("N")[..4]}";
        await grains.GetGrain<IWardGrain>(wardId).AddBed(id, "1", isolationCapable);
        return id;
    }

    public async Task<string> Patient(Sex sex = Sex.Female)
    {
        var mrn = await grains.GetGrain<IMrnAllocatorGrain>(0).Next();
        await grains.GetGrain<IPatientGrain>(mrn).Register(new Demographics(new PersonName("Ann", "Lee"), new DateOnly(1950, 2, 3), sex));
        return mrn;
    }

    public Task<Encounter> Admit(string mrn, string bedId, bool isolation = false) =>
        grains.GetGrain<IPatientGrain>(mrn).Admit(new AdmitCommand(mrn, bedId, isolation, null, null));

    public IEncounterGrain Encounter(string id) => grains.GetGrain<IEncounterGrain>(id);

    public async Task<Bed> BedState(string bedId) => (await grains.GetGrain<IBedGrain>(bedId).Get())!;
}
