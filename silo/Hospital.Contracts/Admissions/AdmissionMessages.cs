using Hospital.Contracts.Beds;
using Hospital.Contracts.Changes;
using Hospital.Contracts.Patients;
using Hospital.Contracts.Wards;

namespace Hospital.Contracts.Admissions;

/// <summary>The resume job of an encounter's step: due a few seconds after the step began, removed when it ends.</summary>
[GenerateSerializer, Alias("hospital.resume-encounter")]
public sealed record ResumeEncounter([property: Id(0)] string EncounterId) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IEncounterGrain>(EncounterId).Resume();
}

/// <summary>The resume job of a swap.</summary>
[GenerateSerializer, Alias("hospital.resume-swap")]
public sealed record ResumeSwap([property: Id(0)] string SwapKey) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<ISwapGrain>(SwapKey).Resume();
}

/// <summary>The encounter was discharged or cancelled: the patient may be admitted again (applied once: by encounter id).</summary>
[GenerateSerializer, Alias("hospital.encounter-ended")]
public sealed record EncounterEndedMessage([property: Id(0)] string Mrn, [property: Id(1)] string EncounterId) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IPatientGrain>(Mrn).EncounterEnded(EncounterId);
}

/// <summary>The bed shows the occupant's new expected discharge date (applied once: by encounter and value).</summary>
[GenerateSerializer, Alias("hospital.bed-expected-discharge")]
public sealed record BedExpectedDischargeMessage([property: Id(0)] string BedId, [property: Id(1)] string EncounterId, [property: Id(2)] DateOnly? Date)
    : OutboxMessage
{
    public override async Task DeliverAsync(IGrainFactory grains) =>
        await grains.GetGrain<IBedGrain>(BedId).SetExpectedDischarge(EncounterId, Date);
}

/// <summary>The queue entry a completed admission or transfer placed is closed (absent already: nothing to do).</summary>
[GenerateSerializer, Alias("hospital.queue-entry-placed")]
public sealed record QueueEntryPlacedMessage([property: Id(0)] QueueEntry Entry, [property: Id(1)] string EncounterId) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) =>
        grains.GetGrain<IWardGrain>(Entry.WardId).QueueEntryPlaced(Entry.RequestId, EncounterId);
}
