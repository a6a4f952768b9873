using System.Text.Json;
using Hospital.Contracts.Beds;
using Hospital.Contracts.Changes;

namespace Hospital.Contracts.Clinical;

/// <summary>
/// The chart shows the occupant's latest NEWS2 on the bed. The bed ignores it when its occupant is another encounter,
/// it already shows that score, or it has shown a later version of that chart, so a repeat or a late redelivery changes nothing.
/// </summary>
[GenerateSerializer, Alias("hospital.bed-news2-message")]
public sealed record BedNews2Message(
    [property: Id(0)] string BedId,
    [property: Id(1)] string EncounterId,
    [property: Id(2)] int Score,
    [property: Id(3)] News2RiskBand RiskBand,
    [property: Id(4)] long ChartVersion = 0) : OutboxMessage
{
    public override Task DeliverAsync(IGrainFactory grains) =>
        grains.GetGrain<IBedGrain>(BedId).SetNews2(EncounterId, Score, RiskBand.ToString(), ChartVersion);
}

/// <summary>What happened in a chart. Vitals carry the <see cref="Observation"/>, labs the <see cref="LabResult"/>.</summary>
public enum ChartEventKind
{
    ChartEntryAdded,
    ChartEntryAmended,
    ChartEntryEnteredInError,
    VitalsRecorded,
    LabResultRecorded,
}

/// <summary>A chart entry's revision: its section's JSON as entered and, for an amendment, as it was before.</summary>
public sealed record ChartEntryJournalEvent(string Section, int Revision, string? Reason = null, JsonElement? Data = null, JsonElement? Before = null);
