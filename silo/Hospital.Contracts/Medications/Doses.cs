namespace Hospital.Contracts.Medications;

/// <summary>A scheduled dose's state on the MAR. Missed: not recorded within its window (it can still be recorded late).</summary>
public enum DoseStatus
{
    Due,
    Given,
    Held,
    Refused,
    Missed,
}

/// <summary>What the nurse records for a dose.</summary>
public enum DoseOutcome
{
    Given,
    Held,
    Refused,
}

/// <summary>A dose on the medication administration record.</summary>
/// <param name="Id">The order id and the due time in UTC ("RX-H00000018-3-202612010800"): the same every time the schedule is worked out.</param>
/// <param name="ChargedTo">The admission whose account the dose was charged to (Given while admitted), with <paramref name="ChargeSource"/> the charge's source.</param>
/// <param name="Corrections">How many times the recorded outcome was corrected.</param>
[GenerateSerializer, Immutable, Alias("hospital.scheduled-dose")]
public sealed record ScheduledDose(
    [property: Id(0)] string Id,
    [property: Id(1)] string OrderId,
    [property: Id(2)] string Mrn,
    [property: Id(3)] DateTimeOffset Due,
    [property: Id(4)] DoseStatus Status,
    [property: Id(5)] string? RecordedBy = null,
    [property: Id(6)] DateTimeOffset? RecordedAt = null,
    [property: Id(7)] string? Reason = null,
    [property: Id(8)] string? BinId = null,
    [property: Id(9)] DrugRef? Drug = null,
    [property: Id(10)] string? ChargedTo = null,
    [property: Id(11)] string? ChargeSource = null,
    [property: Id(12)] int Corrections = 0)
{
    public bool Recorded => Status is DoseStatus.Given or DoseStatus.Held or DoseStatus.Refused;
}

/// <summary>What a nurse records for a dose; a bin only with Given, a reason required for Held and Refused.</summary>
[GenerateSerializer, Immutable, Alias("hospital.dose-record")]
public sealed record DoseRecord(
    [property: Id(0)] DoseOutcome Outcome,
    [property: Id(1)] string? Reason = null,
    [property: Id(2)] string? BinId = null);
