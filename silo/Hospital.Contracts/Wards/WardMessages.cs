using Hospital.Contracts.Census;
using Hospital.Contracts.Changes;

namespace Hospital.Contracts.Wards;

/// <summary>The hospital learns of a new or changed ward (applied once: the ward list is keyed by ward id).</summary>
[GenerateSerializer, Alias("hospital.ward-registered")]
public sealed record WardRegisteredMessage([property: Id(0)] WardProfile Ward) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IHospitalGrain>(0).RegisterWard(Ward);
}

/// <summary>The resume job of a ward's bed creation.</summary>
[GenerateSerializer, Alias("hospital.resume-ward")]
public sealed record ResumeWard([property: Id(0)] string WardId) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IWardGrain>(WardId).Resume();
}
