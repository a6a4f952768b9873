namespace Hospital.Contracts.Common;

/// <summary>
/// The clock of the hospital's own rules (expiry, observation due times, reservations...). A type of its own, not the
/// process's <see cref="TimeProvider"/>, so a drill or test can move hospital time forward without moving the clock
/// Orleans uses for membership and leases (which would make a silo think it has died).
/// </summary>
public class HospitalTime : TimeProvider
{
    public static readonly HospitalTime Real = new();
}
