namespace Hospital.Contracts.Clinical;

/// <summary>ACVPU: Alert, new Confusion, responds to Voice, to Pain, Unresponsive.</summary>
public enum Consciousness
{
    A,
    C,
    V,
    P,
    U,
}

public enum News2RiskBand
{
    Low,
    LowMedium,
    Medium,
    High,
}

/// <summary>One set of vital signs as taken at the bedside.</summary>
/// <param name="Spo2Scale">1, or 2 for patients with hypercapnic respiratory failure (target 88-92%).</param>
[GenerateSerializer, Immutable, Alias("hospital.vital-signs")]
public sealed record VitalSigns(
    [property: Id(0)] int RespiratoryRate,
    [property: Id(1)] int Spo2,
    [property: Id(2)] int Spo2Scale,
    [property: Id(3)] bool OnOxygen,
    [property: Id(4)] int SystolicBp,
    [property: Id(5)] int Pulse,
    [property: Id(6)] Consciousness Consciousness,
    [property: Id(7)] decimal Temperature,
    [property: Id(8)] DateTimeOffset TakenAt);

/// <summary>A NEWS2 score: the total, the band, each parameter's points and how often to observe next.</summary>
[GenerateSerializer, Immutable, Alias("hospital.news2")]
public sealed record News2Score(
    [property: Id(0)] int Score,
    [property: Id(1)] News2RiskBand RiskBand,
    [property: Id(2)] IReadOnlyDictionary<string, int> Parameters,
    [property: Id(3)] string Monitoring,
    [property: Id(4)] int MonitoringIntervalMinutes);

/// <summary>A recorded vital-signs set with its NEWS2.</summary>
[GenerateSerializer, Immutable, Alias("hospital.observation")]
public sealed record Observation(
    [property: Id(0)] string Id,
    [property: Id(1)] string Mrn,
    [property: Id(2)] int RespiratoryRate,
    [property: Id(3)] int Spo2,
    [property: Id(4)] int Spo2Scale,
    [property: Id(5)] bool OnOxygen,
    [property: Id(6)] int SystolicBp,
    [property: Id(7)] int Pulse,
    [property: Id(8)] Consciousness Consciousness,
    [property: Id(9)] decimal Temperature,
    [property: Id(10)] DateTimeOffset TakenAt,
    [property: Id(11)] DateTimeOffset RecordedAt,
    [property: Id(12)] string RecordedBy,
    [property: Id(13)] News2Score News2,
    [property: Id(14)] DateTimeOffset NextDueAt);

/// <summary>Abnormal flags from the reference and critical ranges: N, L, H, LL, HH.</summary>
[GenerateSerializer, Immutable, Alias("hospital.lab-result")]
public sealed record LabResult(
    [property: Id(0)] string Id,
    [property: Id(1)] string Mrn,
    [property: Id(2)] string Loinc,
    [property: Id(3)] string Name,
    [property: Id(4)] decimal Value,
    [property: Id(5)] string Unit,
    [property: Id(6)] decimal? ReferenceLow,
    [property: Id(7)] decimal? ReferenceHigh,
    [property: Id(8)] decimal? CriticalLow,
    [property: Id(9)] decimal? CriticalHigh,
    [property: Id(10)] string Flag,
    [property: Id(11)] DateTimeOffset CollectedAt,
    [property: Id(12)] DateTimeOffset RecordedAt,
    [property: Id(13)] string RecordedBy,
    [property: Id(14)] string? OrderId = null,
    [property: Id(15)] string? AcknowledgedBy = null,
    [property: Id(16)] DateTimeOffset? AcknowledgedAt = null);

/// <summary>
/// A chart entry of any section (allergies, problems, medications, immunizations, notes, care plans, imaging). Its
/// data is the section's JSON object. Amending makes a new revision; the old ones stay in the journal.
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.chart-entry")]
public sealed record ChartEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Section,
    [property: Id(2)] string Data,
    [property: Id(3)] int Revision,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] string RecordedBy,
    [property: Id(6)] DateTimeOffset FirstRecordedAt,
    [property: Id(7)] string FirstRecordedBy,
    [property: Id(8)] bool EnteredInError = false,
    [property: Id(9)] string? Reason = null);

[GenerateSerializer, Alias("hospital.chart-state")]
public sealed record ChartState
{
    [Id(0)] public IReadOnlyList<ChartEntry> Entries { get; init; } = [];
    /// <summary>The most recent vital-signs sets, newest last; the full series is in the journal.</summary>
    [Id(1)] public IReadOnlyList<Observation> RecentVitals { get; init; } = [];
    [Id(2)] public IReadOnlyList<LabResult> RecentLabs { get; init; } = [];
    [Id(3)] public bool OverdueReminder { get; init; }
    /// <summary>Counts the chart's changes; orders its alert messages for the register.</summary>
    [Id(4)] public long Version { get; init; }
    /// <summary>The due time the open ObservationsOverdue alert was raised for, if one is.</summary>
    [Id(5)] public DateTimeOffset? OverdueAlertFor { get; init; }
    /// <summary>The chart has raised a News2 alert that no low score has resolved yet.</summary>
    [Id(6)] public bool News2Raised { get; init; }
    [Id(7)] public IReadOnlyList<LabOrder> LabOrders { get; init; } = [];
    /// <summary>Critical results no clinician has acknowledged yet: they stay listed however many results follow.</summary>
    [Id(8)] public IReadOnlyList<LabResult> UnacknowledgedCritical { get; init; } = [];
}

/// <summary>A patient's chart (key: MRN). It scores NEWS2, flags lab results and raises the clinical alerts.</summary>
[Alias("hospital.IChartGrain")]
public interface IChartGrain : IGrainWithStringKey
{
    [Alias("AddEntry")] Task<ChartEntry> AddEntry(string section, string data);

    [Alias("AmendEntry")] Task<ChartEntry> AmendEntry(string section, string entryId, string data, string? reason);

    [Alias("MarkEnteredInError")] Task<ChartEntry> MarkEnteredInError(string section, string entryId, string reason);

    [Alias("GetEntries"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<ChartEntry>> GetEntries(string? section);

    [Alias("RecordVitals")] Task<Observation> RecordVitals(VitalSigns vitals);

    [Alias("RecordLab")] Task<LabResult> RecordLab(LabResult result);

    [Alias("GetRecentVitals"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<Observation>> GetRecentVitals();

    [Alias("GetRecentLabs"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<LabResult>> GetRecentLabs();

    [Alias("PlaceLabOrder")] Task<LabOrder> PlaceLabOrder(string code, LabPriority priority, string? specimen);

    [Alias("GetLabOrders"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<LabOrder>> GetLabOrders();

    [Alias("CollectLabOrder")] Task<LabOrder> CollectLabOrder(string orderId);

    [Alias("CancelLabOrder")] Task<LabOrder> CancelLabOrder(string orderId, string reason);

    /// <summary>A clinician has seen the result; a critical one leaves the unacknowledged list.</summary>
    [Alias("AcknowledgeLab")] Task<LabResult> AcknowledgeLab(string resultId);

    [Alias("GetUnacknowledgedCritical"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<LabResult>> GetUnacknowledgedCritical();

    /// <summary>Checks whether the next observations are overdue (run on a schedule that survives restarts).</summary>
    [Alias("CheckObservationsDue")] Task CheckObservationsDue();
}
