namespace Hospital.Contracts.Beds;

/// <summary>Where a bed is in its lifecycle.</summary>
public enum BedStatus
{
    Available,
    Reserved,
    Occupied,
    Dirty,
    Cleaning,
    Blocked,
}

/// <summary>A bed as clients see it; <see cref="Version"/> increases by one with every change.</summary>
/// <param name="Mrn">The occupant, or the patient the bed is reserved for.</param>
/// <param name="Since">When the bed entered its current status.</param>
/// <param name="Reason">Why the bed is blocked (maintenance, isolation, staffing, closed...).</param>
/// <param name="PatientInitials">Initials of the occupant or reserved patient, for boards that must not show names.</param>
/// <param name="IsolationRequired">The occupant needs isolation.</param>
/// <param name="ReservedUntil">A reservation lapses at this time.</param>
/// <param name="ExpectedDischarge">The occupant's expected discharge date.</param>
/// <param name="News2Score">The occupant's latest NEWS2, for the ward board.</param>
[GenerateSerializer, Immutable, Alias("hospital.bed")]
public sealed record Bed(
    [property: Id(0)] string Id,
    [property: Id(1)] string WardId,
    [property: Id(2)] string Room,
    [property: Id(3)] BedStatus Status,
    [property: Id(4)] string? Mrn,
    [property: Id(5)] string? EncounterId,
    [property: Id(6)] DateTimeOffset Since,
    [property: Id(7)] bool IsolationCapable,
    [property: Id(8)] string? Reason,
    [property: Id(9)] long Version,
    [property: Id(10)] string? PatientInitials = null,
    [property: Id(11)] bool IsolationRequired = false,
    [property: Id(12)] DateTimeOffset? ReservedUntil = null,
    [property: Id(13)] DateOnly? ExpectedDischarge = null,
    [property: Id(14)] int? News2Score = null,
    [property: Id(15)] string? News2RiskBand = null);

/// <summary>Who is about to occupy a bed, and what the bed must offer them.</summary>
[GenerateSerializer, Immutable, Alias("hospital.occupancy")]
public sealed record Occupancy(
    [property: Id(0)] string Mrn,
    [property: Id(1)] string EncounterId,
    [property: Id(2)] string PatientInitials,
    [property: Id(3)] Patients.Sex Sex,
    [property: Id(4)] bool IsolationRequired,
    [property: Id(5)] DateOnly? ExpectedDischarge);

/// <summary>The bed lifecycle. Occupied is reached only through admissions.</summary>
public static class BedTransitions
{
    private static readonly Dictionary<BedStatus, BedStatus[]> Allowed = new()
    {
        [BedStatus.Available] = [BedStatus.Reserved, BedStatus.Occupied, BedStatus.Blocked],
        [BedStatus.Reserved] = [BedStatus.Occupied, BedStatus.Available],
        [BedStatus.Occupied] = [BedStatus.Dirty],
        [BedStatus.Dirty] = [BedStatus.Cleaning, BedStatus.Available, BedStatus.Blocked],
        [BedStatus.Cleaning] = [BedStatus.Available, BedStatus.Dirty],
        [BedStatus.Blocked] = [BedStatus.Available, BedStatus.Dirty],
    };

    public static IReadOnlyList<BedStatus> From(BedStatus status) => Allowed[status];

    public static bool IsAllowed(BedStatus from, BedStatus to) => Allowed[from].Contains(to);
}
