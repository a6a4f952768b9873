namespace Hospital.Contracts.Medications;

/// <summary>
/// A patient's medication orders and administration record (key: MRN). Runs the order checks against the chart's
/// allergies and the other active orders, schedules doses in the hospital's time zone, and raises MedicationOverdue.
/// </summary>
[Alias("hospital.IMedicationGrain")]
public interface IMedicationGrain : IGrainWithStringKey
{
    /// <summary>Checks and saves an order; a blocking warning without an override reason saves nothing.</summary>
    [Alias("PlaceOrder")] Task<OrderPlacement> PlaceOrder(MedicationOrderRequest request);

    /// <summary>The checks alone, as the order form shows them before the order is sent; nothing is saved.</summary>
    [Alias("PreviewOrder"), Orleans.Concurrency.ReadOnly] Task<IReadOnlyList<OrderWarning>> PreviewOrder(MedicationOrderRequest request);

    [Alias("GetOrders"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<MedicationOrder>> GetOrders(OrderStatus? status);

    [Alias("GetOrder"), Orleans.Concurrency.AlwaysInterleave] Task<MedicationOrder?> GetOrder(string orderId);

    [Alias("Discontinue")] Task<MedicationOrder> Discontinue(string orderId, string reason);

    /// <summary>Doses due from <paramref name="from"/> up to <paramref name="to"/>, by due time.</summary>
    [Alias("GetMar"), Orleans.Concurrency.AlwaysInterleave] Task<IReadOnlyList<ScheduledDose>> GetMar(DateTimeOffset from, DateTimeOffset to);

    /// <summary>Records a dose; the same outcome again is a no-op (a retry), another one a conflict.</summary>
    [Alias("RecordDose")] Task<ScheduledDose> RecordDose(string doseId, DoseRecord record);

    /// <summary>
    /// Corrects a recorded dose's outcome (a dose recorded Given that was in fact held): journaled with its reason; a
    /// charge for a dose no longer Given is credited, a dose now Given is charged.
    /// </summary>
    [Alias("CorrectDose")] Task<ScheduledDose> CorrectDose(string doseId, DoseRecord record);

    /// <summary>Records a dose of a when-required (prn) order given now; a retry within the same minute is a no-op.</summary>
    [Alias("RecordPrnDose")] Task<ScheduledDose> RecordPrnDose(string orderId, DoseRecord record);

    /// <summary>Extends the schedule and raises or resolves MedicationOverdue (run by a reminder, so also after a restart).</summary>
    [Alias("CheckDosesDue")] Task CheckDosesDue();
}
