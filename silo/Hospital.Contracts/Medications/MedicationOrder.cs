namespace Hospital.Contracts.Medications;

public enum OrderStatus
{
    Active,
    Discontinued,
}

/// <summary>The drug an order names, as the catalogue has it.</summary>
[GenerateSerializer, Immutable, Alias("hospital.drug-ref")]
public sealed record DrugRef([property: Id(0)] string Code, [property: Id(1)] string Name);

/// <summary>What a prescriber asks for; the drug by catalogue code or generic name.</summary>
/// <param name="Frequency">daily, bd, tds, qds, q4h, q6h, q8h, q12h, weekly, once or prn.</param>
/// <param name="OverrideReason">Why the prescriber goes ahead despite contraindicated or major warnings.</param>
[GenerateSerializer, Immutable, Alias("hospital.medication-order-request")]
public sealed record MedicationOrderRequest(
    [property: Id(0)] string Drug,
    [property: Id(1)] decimal Dose,
    [property: Id(2)] string Unit,
    [property: Id(3)] string Route,
    [property: Id(4)] string Frequency,
    [property: Id(5)] DateTimeOffset? Start = null,
    [property: Id(6)] DateTimeOffset? End = null,
    [property: Id(7)] string? OverrideReason = null);

/// <summary>A medication order with the warnings the checks found when it was placed.</summary>
/// <param name="Id">"RX-{mrn}-{n}": the order names its patient, so a route with only the order id finds its chart.</param>
/// <param name="EncounterId">The admission the order was placed in, if the patient was admitted.</param>
[GenerateSerializer, Immutable, Alias("hospital.medication-order")]
public sealed record MedicationOrder(
    [property: Id(0)] string Id,
    [property: Id(1)] string Mrn,
    [property: Id(2)] DrugRef Drug,
    [property: Id(3)] decimal Dose,
    [property: Id(4)] string Unit,
    [property: Id(5)] string Route,
    [property: Id(6)] string Frequency,
    [property: Id(7)] DateTimeOffset Start,
    [property: Id(8)] DateTimeOffset? End,
    [property: Id(9)] OrderStatus Status,
    [property: Id(10)] IReadOnlyList<OrderWarning> Warnings,
    [property: Id(11)] string? OverrideReason,
    [property: Id(12)] string OrderedBy,
    [property: Id(13)] DateTimeOffset OrderedAt,
    [property: Id(14)] string? EncounterId = null,
    [property: Id(15)] string? DiscontinuedBy = null,
    [property: Id(16)] DateTimeOffset? DiscontinuedAt = null,
    [property: Id(17)] string? DiscontinueReason = null)
{
    /// <summary>The patient's MRN in an order or dose id ("RX-H00000018-3", "RX-H00000018-3-202612010800"), or null.</summary>
    public static string? MrnOf(string id) => id.Split('-') is ["RX", var mrn, _, ..] && mrn.Length > 0 ? mrn : null;

    /// <summary>The order id a dose id starts with, or null.</summary>
    public static string? OrderOf(string doseId) => doseId.Split('-') is ["RX", var mrn, var n, _] ? $"RX-{mrn}-{n}" : null;
}

/// <summary>
/// The outcome of placing an order: the order saved, or — when a contraindicated or major warning was not overridden —
/// no order and the warnings that stopped it (nothing was saved).
/// </summary>
[GenerateSerializer, Immutable, Alias("hospital.order-placement")]
public sealed record OrderPlacement(
    [property: Id(0)] MedicationOrder? Order,
    [property: Id(1)] IReadOnlyList<OrderWarning> Warnings)
{
    public bool Blocked => Order is null;
}

/// <summary>The bounds of an order's values, so that no dose arithmetic overflows.</summary>
public static class MedicationLimits
{
    /// <summary>The largest dose number an order may carry, in any unit.</summary>
    public const decimal MaxDose = 1_000_000m;

    /// <summary>An order starts at most this many days ahead, and at most one day back.</summary>
    public const int MaxStartAheadDays = 30;

    /// <summary>An order runs at most this many days.</summary>
    public const int MaxDurationDays = 366;

    /// <summary>The longest MAR range one request reads.</summary>
    public const int MaxMarDays = 31;
}
