using Hospital.Grains.Medications;

namespace Hospital.Api.Billing.Reports;

/// <summary>Days on the hospital's clock (<c>Hospital:TimeZone</c>), which the reports count and group by.</summary>
public static class HospitalDays
{
    public static DateOnly Of(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The first instant of the day (a midnight the clocks skip: when they reach the day).</summary>
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone) => DoseSchedule.ToUtc(day, TimeOnly.MinValue, zone);
}
