using Hospital.Contracts.Medications;

namespace Hospital.Grains.Medications;

/// <summary>
/// When an order's doses fall due: its frequency's drug-round times on each local day of the hospital's time zone, so a
/// daily dose is at 08:00 on the ward clock on both sides of a daylight-saving change (23 or 25 hours apart in UTC).
/// Pure, and the same every time: a dose's id is its order's id and its due time.
/// </summary>
public static class DoseSchedule
{
    /// <summary>Due times in [<paramref name="from"/>, <paramref name="to"/>), within the order's own start and end.</summary>
    /// <param name="since">No dose before this (the time the order was placed: a schedule does not start in the past).</param>
    public static IEnumerable<DateTimeOffset> Between(MedicationOrder order, TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to, DateTimeOffset since)
    {
        var frequency = DoseFrequency.Find(order.Frequency);
        var start = Max(Max(order.Start, since), from);
        var end = order.DiscontinuedAt is { } stopped ? Min(to, stopped) : to;
        if (order.End is { } ends)
        {
            end = Min(end, ends);
        }

        if (frequency is null || start >= end)
        {
            return [];
        }

        if (frequency == DoseFrequency.Once)
        {
            var once = Max(order.Start, since);
            return once >= start && once < end ? [once] : [];
        }

        var first = Local(Max(order.Start, since), zone);
        var days = Days(Local(start, zone).AddDays(-1), Local(end, zone).AddDays(1));
        if (frequency == DoseFrequency.Weekly)
        {
            // The weekday of the first round at or after the start.
            var firstDose = Days(first, first.AddDays(8)).Select(d => ToUtc(d, frequency.Times[0], zone)).First(t => t >= Max(order.Start, since));
            var weekday = Local(firstDose, zone).DayOfWeek;
            days = days.Where(d => d.DayOfWeek == weekday);
        }

        return days
            .SelectMany(day => frequency.Times.Select(time => ToUtc(day, time, zone)))
            .Where(due => due >= start && due < end)
            .Distinct()
            .Order();
    }

    public static string DoseId(string orderId, DateTimeOffset due) => $"{orderId}-{due.UtcDateTime:yyyyMMddHHmm}";

    /// <summary>
    /// A ward-clock time on a day as UTC. A time the clocks skip (spring forward) is given when the clocks reach it,
    /// one hour on; a time that happens twice (fall back) is given the first time.
    /// </summary>
    public static DateTimeOffset ToUtc(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static DateOnly Local(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
