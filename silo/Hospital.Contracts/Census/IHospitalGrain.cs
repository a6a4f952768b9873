using Hospital.Contracts.Wards;

namespace Hospital.Contracts.Census;

[GenerateSerializer, Alias("hospital.hospital-state")]
public sealed record HospitalState
{
    [Id(0)] public IReadOnlyList<WardProfile> Wards { get; init; } = [];
}

/// <summary>
/// The hospital (key 0): the registry of wards and the hospital-wide census, kept by ward deltas so a census read
/// never visits a bed.
/// </summary>
[Alias("hospital.IHospitalGrain")]
public interface IHospitalGrain : IGrainWithIntegerKey
{
    [Alias("RegisterWard")] Task RegisterWard(WardProfile ward);

    [Alias("GetWards"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<WardProfile>> GetWards();

    /// <summary>A ward's counts changed; returns the new hospital totals.</summary>
    [Alias("WardCountsChanged")] Task<CensusCounts> WardCountsChanged(string wardId, CensusCounts counts);

    [Alias("GetCensus"), Orleans.Concurrency.AlwaysInterleave] Task<HospitalCensus> GetCensus();
}
