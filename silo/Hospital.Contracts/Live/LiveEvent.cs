using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;

namespace Hospital.Contracts.Live;

/// <summary>An ADT event as pushed to dashboards.</summary>
[GenerateSerializer, Immutable, Alias("hospital.adt-event")]
public sealed record AdtEvent(
    [property: Id(0)] string Kind,
    [property: Id(1)] string EncounterId,
    [property: Id(2)] string Mrn,
    [property: Id(3)] string BedId,
    [property: Id(4)] string? FromBedId,
    [property: Id(5)] DateTimeOffset At);

/// <summary>A census change: the ward's counts and the hospital's at that moment.</summary>
[GenerateSerializer, Immutable, Alias("hospital.census-changed")]
public sealed record CensusChanged(
    [property: Id(0)] WardCensus Ward,
    [property: Id(1)] CensusCounts Hospital);

/// <summary>
/// One change to push. Exactly one payload is set; <see cref="WardIds"/> are the wards whose subscribers get it and
/// <see cref="ToHospital"/> whether hospital-wide subscribers do too.
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.live-event")]
public sealed record LiveEvent(
    [property: Id(0)] IReadOnlyList<string> WardIds,
    [property: Id(1)] bool ToHospital,
    [property: Id(2)] Bed? Bed = null,
    [property: Id(3)] CensusChanged? Census = null,
    [property: Id(4)] AdtEvent? Adt = null,
    [property: Id(5)] Alerts.Alert? Alert = null,
    [property: Id(6)] bool AlertIsNew = false);

/// <summary>An api process listening for live events (one per process, not per browser).</summary>
[Alias("hospital.ILiveObserver")]
public interface ILiveObserver : IGrainObserver
{
    /// <summary>
    /// A batch of the feed activation <paramref name="epoch"/>, numbered from 1. One-way messages may be handled out of
    /// order, so the receiver puts batches back in order by number.
    /// </summary>
    [Alias("OnEvents"), Orleans.Concurrency.OneWay] Task OnEvents(Guid epoch, long batch, IReadOnlyList<LiveEvent> events);
}

/// <summary>
/// The live feed (key 0): grains publish, api processes subscribe. Events are delivered in publication order, in
/// batches when they come faster than subscribers take them. Subscriptions expire unless renewed.
/// </summary>
[Alias("hospital.ILiveFeedGrain")]
public interface ILiveFeedGrain : IGrainWithIntegerKey
{
    [Alias("Publish")] Task Publish(IReadOnlyList<LiveEvent> events);

    [Alias("Subscribe")] Task Subscribe(ILiveObserver observer);

    [Alias("Unsubscribe")] Task Unsubscribe(ILiveObserver observer);
}
