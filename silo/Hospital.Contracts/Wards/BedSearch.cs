using Hospital.Contracts.Beds;
using Hospital.Contracts.Census;
using Hospital.Contracts.Patients;

namespace Hospital.Contracts.Wards;

/// <summary>Who a bed is sought for: the facts <see cref="BedPlacement"/> decides on.</summary>
/// <param name="ExceptBedId">The bed the patient is in now (a transfer looks elsewhere).</param>
[GenerateSerializer, Immutable, Alias("hospital.bed-search")]
public sealed record BedSearch(
    [property: Id(0)] string Mrn,
    [property: Id(1)] Sex Sex,
    [property: Id(2)] bool IsolationRequired,
    [property: Id(3)] string? ExceptBedId = null);

/// <summary>Why a bed that cannot take the patient now is expected to be ready.</summary>
public enum ReadyBasis
{
    /// <summary>Being cleaned: ready when the ward's median cleaning time has passed.</summary>
    Cleaning,
    /// <summary>Waiting to be cleaned: ready when the ward's median turnaround (Dirty to Available) has passed.</summary>
    Dirty,
    /// <summary>Its occupant is expected to leave (by midday of the expected date), then a turnaround.</summary>
    ExpectedDischarge,
}

/// <summary>A bed that suits the patient and is expected to be ready at <see cref="ReadyAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("hospital.soon-bed")]
public sealed record SoonBed(
    [property: Id(0)] Bed Bed,
    [property: Id(1)] DateTimeOffset ReadyAt,
    [property: Id(2)] ReadyBasis Basis);

/// <summary>One ward's answer to a bed search.</summary>
/// <param name="Now">The beds an admission of the patient would be accepted into now.</param>
/// <param name="Soon">Beds that suit the patient and are Cleaning, Dirty or whose occupant is expected to leave today.</param>
[GenerateSerializer, Immutable, Alias("hospital.ward-bed-matches")]
public sealed record WardBedMatches(
    [property: Id(0)] WardProfile Ward,
    [property: Id(1)] IReadOnlyList<Bed> Now,
    [property: Id(2)] IReadOnlyList<SoonBed> Soon);

/// <summary>
/// What capacity a ward expects: beds free now, and beds expected free within 4, 8 and 24 hours (cleaning and dirty beds
/// after the ward's median times, expected discharges by midday of their date plus a turnaround), against its queue.
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.ward-outlook")]
public sealed record WardOutlook(
    [property: Id(0)] string WardId,
    [property: Id(1)] int AvailableNow,
    [property: Id(2)] int FreeWithin4Hours,
    [property: Id(3)] int FreeWithin8Hours,
    [property: Id(4)] int FreeWithin24Hours,
    [property: Id(5)] int Cleaning,
    [property: Id(6)] int Dirty,
    [property: Id(7)] int ExpectedDischargesToday,
    [property: Id(8)] int ExpectedDischargesTomorrow,
    [property: Id(9)] int PendingAdmissions,
    [property: Id(10)] double MedianTurnaroundMinutes,
    [property: Id(11)] double MedianCleaningMinutes,
    [property: Id(12)] int TurnaroundSamples);

/// <summary>One row of the hospital board: the ward, its counts and its outlook.</summary>
[GenerateSerializer, Immutable, Alias("hospital.ward-summary")]
public sealed record WardSummary(
    [property: Id(0)] WardProfile Ward,
    [property: Id(1)] CensusCounts Counts,
    [property: Id(2)] WardOutlook Outlook);
