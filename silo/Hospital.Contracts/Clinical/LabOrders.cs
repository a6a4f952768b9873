namespace Hospital.Contracts.Clinical;

public enum LabPriority
{
    Routine,
    Urgent,
    Stat,
}

/// <summary>Ordered -> Collected -> Resulted; Ordered or Collected -> Cancelled.</summary>
public enum LabOrderStatus
{
    Ordered,
    Collected,
    Resulted,
    Cancelled,
}

/// <summary>A lab test ordered by LOINC code; its results attach to it (the chart owns both, so they change together).</summary>
[GenerateSerializer, Immutable, Alias("hospital.lab-order")]
public sealed record LabOrder(
    [property: Id(0)] string Id,
    [property: Id(1)] string Mrn,
    [property: Id(2)] string Code,
    [property: Id(3)] LabPriority Priority,
    [property: Id(4)] string? Specimen,
    [property: Id(5)] LabOrderStatus Status,
    [property: Id(6)] string OrderedBy,
    [property: Id(7)] DateTimeOffset OrderedAt,
    [property: Id(8)] DateTimeOffset? CollectedAt = null,
    [property: Id(9)] IReadOnlyList<string>? ResultIds = null,
    [property: Id(10)] string? CancelReason = null,
    [property: Id(11)] DateTimeOffset? ResultedAt = null);

/// <summary>What happened to a lab order; the payload is the order as it became.</summary>
public enum LabOrderEventKind
{
    LabOrdered,
    LabCollected,
    LabOrderCancelled,
    LabResultAcknowledged,
}
