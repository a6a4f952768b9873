namespace Hospital.Grains.Beds;

/// <summary>Settings under <c>Hospital:Beds</c>.</summary>
public sealed class BedOptions
{
    public const string Section = "Hospital:Beds";

    /// <summary>The longest a bed may be reserved ahead; a later <c>until</c> is refused.</summary>
    public TimeSpan MaxReservation { get; set; } = TimeSpan.FromDays(7);

    /// <summary>"at most 7 days ahead (Hospital:Beds:MaxReservation)": the rule as errors word it.</summary>
    public string ReservationRule => "in the future and at most " + (MaxReservation.Ticks % TimeSpan.TicksPerDay == 0
        ? $"{MaxReservation.Days} day{(MaxReservation.Days == 1 ? "" : "s")}"
        : MaxReservation.ToString()) + " ahead (Hospital:Beds:MaxReservation)";

    /// <summary>The turnaround (Dirty to Available) a ward is assumed to take until it has measured some of its own.</summary>
    public TimeSpan DefaultTurnaround { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>The cleaning time (Cleaning to Available) a ward is assumed to take until it has measured some of its own.</summary>
    public TimeSpan DefaultCleaning { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The range <see cref="MaxReservation"/> must lie in (checked at start).</summary>
    public static readonly TimeSpan MaxReservationLimit = TimeSpan.FromDays(365);
}
