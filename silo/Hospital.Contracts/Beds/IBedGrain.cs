namespace Hospital.Contracts.Beds;

[GenerateSerializer, Alias("hospital.bed-state")]
public sealed record BedState
{
    [Id(0)] public Bed? Bed { get; init; }
    /// <summary>When the bed last became Dirty, for turnaround (Dirty to Available).</summary>
    [Id(1)] public DateTimeOffset? DirtySince { get; init; }
    /// <summary>The occupant's chart version whose NEWS2 the bed shows, so a late message cannot replace a newer score.</summary>
    [Id(2)] public long News2ChartVersion { get; init; }
}

/// <summary>One bed, keyed by its hospital-wide id. It enforces its own lifecycle and holds at most one patient.</summary>
[Alias("hospital.IBedGrain")]
public interface IBedGrain : IGrainWithStringKey
{
    [Alias("Create")] Task<Bed> Create(string wardId, string room, bool isolationCapable);

    [Alias("Get"), Orleans.Concurrency.AlwaysInterleave] Task<Bed?> Get();

    /// <summary>A manual status change (Cleaning, Available, Blocked, Dirty); the current status is a no-op.</summary>
    [Alias("SetStatus")] Task<Bed> SetStatus(BedStatus status, string? reason);

    [Alias("Reserve")] Task<Bed> Reserve(string mrn, string patientInitials, DateTimeOffset? until);

    [Alias("Release")] Task<Bed> Release();

    /// <summary>Puts a patient in the bed: it must be Available, or Reserved for this patient, and suit the patient.</summary>
    [Alias("Occupy")] Task<Bed> Occupy(Occupancy occupancy);

    /// <summary>The encounter leaves the bed, which becomes <paramref name="then"/> (Dirty, or Available when undoing an admission).</summary>
    [Alias("Vacate")] Task<Bed> Vacate(string encounterId, BedStatus then);

    /// <summary>Swaps the occupant in place: the bed stays Occupied.</summary>
    [Alias("ReplaceOccupant")] Task<Bed> ReplaceOccupant(string encounterId, Occupancy next);

    /// <summary>Checks, without changing anything, that <paramref name="occupancy"/> could replace the current occupant.</summary>
    [Alias("CheckSuits"), Orleans.Concurrency.AlwaysInterleave] Task CheckSuits(Occupancy occupancy);

    /// <summary>Checks, without changing anything, that <see cref="Occupy"/> would take <paramref name="occupancy"/> now.</summary>
    [Alias("CheckOccupy"), Orleans.Concurrency.AlwaysInterleave] Task CheckOccupy(Occupancy occupancy);

    /// <summary>Checks, without changing anything, that <see cref="Reoccupy"/> would take <paramref name="occupancy"/> now.</summary>
    [Alias("CheckReoccupy"), Orleans.Concurrency.AlwaysInterleave] Task CheckReoccupy(Occupancy occupancy);

    [Alias("SetExpectedDischarge")] Task<Bed> SetExpectedDischarge(string encounterId, DateOnly? date);

    /// <summary>Shows the occupant's latest NEWS2 on the bed (the board's deterioration marker).</summary>
    [Alias("SetNews2")] Task<Bed> SetNews2(string encounterId, int score, string riskBand, long chartVersion = 0);

    /// <summary>An undone discharge or transfer puts the encounter back: the bed must be Dirty, Cleaning or Available (unused since).</summary>
    [Alias("Reoccupy")] Task<Bed> Reoccupy(Occupancy occupancy);
}
