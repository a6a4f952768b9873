using Hospital.Contracts.Changes;

namespace Hospital.Contracts.Alerts;

/// <summary>
/// What one change of a bin or chart means for its alerts: conditions that now hold and keys whose condition ended.
/// Committed with the sender's change; the register applies it once, in the order of the sender's versions.
/// </summary>
/// <param name="Version">The sender's version after the change; a key ignores anything older than it has seen.</param>
[GenerateSerializer, Alias("hospital.alert-changes-message")]
public sealed record AlertChangesMessage(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<AlertCondition> Raise,
    [property: Id(2)] IReadOnlyList<string> Resolve) : OutboxMessage
{
    public bool IsEmpty => Raise.Count == 0 && Resolve.Count == 0;

    public override Task DeliverAsync(IGrainFactory grains) => grains.GetGrain<IAlertsGrain>(0).Apply(this);
}

/// <summary>What happened to an alert; the journal line's payload is the alert as it became.</summary>
public enum AlertEventKind
{
    AlertRaised,
    AlertChanged,
    AlertResolved,
    AlertAcknowledged,
}
