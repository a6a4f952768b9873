using Hospital.Contracts.Changes;
using Hospital.Contracts.Wards;

namespace Hospital.Contracts.Beds;

/// <summary>A bed tells its ward what it has become; the ward ignores a version it already holds.</summary>
[GenerateSerializer, Alias("hospital.bed-changed-message")]
public sealed record BedChangedMessage([property: Id(0)] Bed Bed) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IWardGrain>(Bed.WardId).BedChanged(Bed);
}
