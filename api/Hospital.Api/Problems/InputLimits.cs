namespace Hospital.Api.Problems;

/// <summary>
/// The ranges dates and periods from clients must lie in before they reach a timer, a column or date arithmetic
/// (README, "Input limits"). Quantities are bounded by <c>InventoryRules</c>, names by <c>PatientNames</c>.
/// </summary>
public static class InputLimits
{
    /// <summary>Query times (<c>from</c>, <c>to</c>) lie in this range.</summary>
    public static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset LatestTime = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Dates in the chart (onset, start, end, given, performed) lie in this range.</summary>
    public static readonly DateOnly EarliestChartDate = new(1880, 1, 1);
    public static readonly DateOnly LatestChartDate = new(2100, 12, 31);

    /// <summary>An expected discharge lies between yesterday (time zones) and this many days ahead.</summary>
    public const int ExpectedDischargeDays = 365;

    /// <summary>A lot's expiry lies within this many years of today (restocked lots: not before today).</summary>
    public const int LotExpiryYears = 20;

    /// <summary>A lab result is collected at most this many days ago.</summary>
    public const int LabCollectedDays = 365;

    /// <summary>The longest period ward metrics are computed over.</summary>
    public static readonly TimeSpan MaxMetricsPeriod = TimeSpan.FromDays(366);

    /// <summary>Each of <paramref name="from"/> and <paramref name="to"/> within the query range, and from before to.</summary>
    public static FieldErrors TimeRange(this FieldErrors errors, DateTimeOffset? from, DateTimeOffset? to)
    {
        foreach (var (field, time) in new[] { ("from", from), ("to", to) })
        {
            errors.Check(time is null || (time >= EarliestTime && time <= LatestTime), field,
                $"The {field} time must be between {EarliestTime:yyyy-MM-dd} and {LatestTime:yyyy-MM-dd} (UTC).");
        }

        return errors.Check(from is null || to is null || from < to, "to", "The to time must be after the from time.");
    }

    /// <summary>An optional date between <paramref name="earliest"/> and <paramref name="latest"/>, inclusive.</summary>
    public static FieldErrors DateWithin(this FieldErrors errors, string field, DateOnly? date, DateOnly earliest, DateOnly latest) =>
        errors.Check(date is null || (date >= earliest && date <= latest), field,
            $"The {field} field must be between {earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}.");

    /// <summary>An optional expected discharge: from yesterday to <see cref="ExpectedDischargeDays"/> ahead.</summary>
    public static FieldErrors ExpectedDischarge(this FieldErrors errors, DateOnly? date, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return errors.DateWithin("expectedDischarge", date, today.AddDays(-1), today.AddDays(ExpectedDischargeDays));
    }

    /// <summary>A lot's expiry within <see cref="LotExpiryYears"/> of today; restocked lots not before today.</summary>
    public static FieldErrors LotExpiry(this FieldErrors errors, string field, DateOnly? expiry, DateTimeOffset now, bool restocked)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return errors.DateWithin(field, expiry, restocked ? today : today.AddYears(-LotExpiryYears), today.AddYears(LotExpiryYears));
    }
}
