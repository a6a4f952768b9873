namespace Hospital.Contracts.Medications;

[GenerateSerializer, Alias("hospital.medication-state")]
public sealed record MedicationState
{
    [Id(0)] public IReadOnlyList<MedicationOrder> Orders { get; init; } = [];
    /// <summary>Doses worked out so far: from a month back to the schedule's horizon. Older ones are in the journal.</summary>
    [Id(1)] public IReadOnlyList<ScheduledDose> Doses { get; init; } = [];
    /// <summary>Orders placed so far; the next order is number this plus one.</summary>
    [Id(2)] public int OrdersPlaced { get; init; }
    /// <summary>Counts the changes; orders the alert messages for the register.</summary>
    [Id(3)] public long Version { get; init; }
    /// <summary>Doses have been worked out up to here.</summary>
    [Id(4)] public DateTimeOffset? ScheduledUntil { get; init; }
    [Id(5)] public bool OverdueRaised { get; init; }
    [Id(6)] public bool CheckReminder { get; init; }
}
