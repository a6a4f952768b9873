using Hospital.Contracts.Clinical;
using Hospital.Contracts.Errors;

namespace Hospital.Grains.Clinical;

/// <summary>A lab order's lifecycle: Ordered -> Collected -> Resulted, or Cancelled before it is resulted.</summary>
public static class LabOrderRules
{
    public static LabOrder Collect(LabOrder order, DateTimeOffset at) => order.Status switch
    {
        LabOrderStatus.Ordered => order with { Status = LabOrderStatus.Collected, CollectedAt = at },
        LabOrderStatus.Collected => order,
        _ => throw Illegal(order, "collected"),
    };

    public static LabOrder Cancel(LabOrder order, string reason) => order.Status switch
    {
        LabOrderStatus.Ordered or LabOrderStatus.Collected => order with { Status = LabOrderStatus.Cancelled, CancelReason = reason },
        _ => throw Illegal(order, "cancelled"),
    };

    /// <summary>A result attaches to an order not cancelled; further results (a panel's other tests) attach too.</summary>
    public static LabOrder Attach(LabOrder order, string resultId, DateTimeOffset at) => order.Status switch
    {
        LabOrderStatus.Cancelled => throw Illegal(order, "resulted"),
        _ => order with
        {
            Status = LabOrderStatus.Resulted, ResultIds = [.. order.ResultIds ?? [], resultId], ResultedAt = at,
            CollectedAt = order.CollectedAt ?? at,
        },
    };

    private static HospitalException Illegal(LabOrder order, string verb) =>
        HospitalException.Conflict("Lab order transition not allowed", $"Lab order '{order.Id}' is {order.Status} and cannot be {verb}.",
            order.Status switch
            {
                LabOrderStatus.Ordered => ["Collected", "Resulted", "Cancelled"],
                LabOrderStatus.Collected => ["Resulted", "Cancelled"],
                LabOrderStatus.Resulted => ["Resulted"],
                _ => [],
            });
}
