namespace Hospital.Contracts.Alerts;

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>Something a person must act on. One alert per condition: raised once, resolved when the condition ends.</summary>
/// <param name="Kind">LowStock, OutOfStock, Expiring, Expired, LowDaysOfSupply, News2, CriticalResult, ObservationsOverdue...</param>
/// <param name="Subject">The id of what the alert is about (bin id, MRN, bed id).</param>
/// <param name="Key">What makes the condition unique (kind, subject and, e.g., a lot); at most one active alert per key.</param>
[GenerateSerializer, Immutable, Alias("hospital.alert")]
public sealed record Alert(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] AlertSeverity Severity,
    [property: Id(3)] string? WardId,
    [property: Id(4)] string Subject,
    [property: Id(5)] string Message,
    [property: Id(6)] DateTimeOffset RaisedAt,
    [property: Id(7)] AlertStatus Status,
    [property: Id(8)] string Key,
    [property: Id(9)] long Version,
    [property: Id(10)] DateTimeOffset? AcknowledgedAt = null,
    [property: Id(11)] string? AcknowledgedBy = null,
    [property: Id(12)] DateTimeOffset? ResolvedAt = null,
    [property: Id(13)] string? PatientMrn = null);

/// <summary>A condition that holds now. Raising it again while its alert is active changes nothing (or its severity/message).</summary>
[GenerateSerializer, Immutable, Alias("hospital.alert-condition")]
public sealed record AlertCondition(
    [property: Id(0)] string Kind,
    [property: Id(1)] AlertSeverity Severity,
    [property: Id(2)] string? WardId,
    [property: Id(3)] string Subject,
    [property: Id(4)] string Message,
    [property: Id(5)] string? Detail = null,
    [property: Id(6)] string? PatientMrn = null)
{
    public string Key => Detail is null ? $"{Kind}|{Subject}" : $"{Kind}|{Subject}|{Detail}";
}

[GenerateSerializer, Immutable, Alias("hospital.alert-query")]
public sealed record AlertQuery(
    [property: Id(0)] AlertStatus? Status = null,
    [property: Id(1)] string? WardId = null,
    [property: Id(2)] string? Kind = null,
    [property: Id(3)] string? Subject = null,
    [property: Id(4)] int Limit = 500);

[GenerateSerializer, Alias("hospital.alerts-state")]
public sealed record AlertsState
{
    /// <summary>Open and acknowledged alerts, by key.</summary>
    [Id(0)] public IReadOnlyDictionary<string, Alert> Active { get; init; } = new Dictionary<string, Alert>();
    /// <summary>The most recently resolved alerts, newest last; older ones live in the journal.</summary>
    [Id(1)] public IReadOnlyList<Alert> RecentlyResolved { get; init; } = [];
    /// <summary>Ids of the most recently applied messages, newest last: a repeat delivery is recognised and ignored.</summary>
    [Id(2)] public IReadOnlyList<string> Applied { get; init; } = [];
    /// <summary>
    /// The sender's version last applied per condition key (kept while the key is active and for a day after): a
    /// message older than what the key has seen (delivered late by the outbox sweeper) changes nothing.
    /// </summary>
    [Id(3)] public IReadOnlyDictionary<string, AlertMark> Versions { get; init; } = new Dictionary<string, AlertMark>();
}

/// <summary>The sender's version a condition key last applied, and when (marks of ended conditions expire).</summary>
[GenerateSerializer, Immutable, Alias("hospital.alert-mark")]
public sealed record AlertMark([property: Id(0)] long Version, [property: Id(1)] DateTimeOffset At);

/// <summary>
/// The hospital's alert register (key 0): the single place that opens, escalates, acknowledges and resolves alerts, so
/// the same condition never has two active alerts, and every change is pushed (AlertRaised / AlertChanged).
/// </summary>
[Alias("hospital.IAlertsGrain")]
public interface IAlertsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Applies a sender's alert changes once: each raised condition opens an alert or updates the active one (severity
    /// or message), each resolved key's active alert becomes Resolved. A repeat (same message id) or a message older
    /// than what a key has already seen changes nothing.
    /// </summary>
    [Alias("Apply")] Task Apply(AlertChangesMessage message);

    [Alias("Acknowledge")] Task<Alert> Acknowledge(string alertId);

    [Alias("Query"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<Alert>> Query(AlertQuery query);

    [Alias("Get"), Orleans.Concurrency.AlwaysInterleave] Task<Alert?> Get(string alertId);
}
