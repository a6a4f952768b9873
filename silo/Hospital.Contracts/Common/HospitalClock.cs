namespace Hospital.Contracts.Common;

/// <summary>Formatting shared by every store: UTC, ISO 8601, fixed width, so text ordering is time ordering.</summary>
public static class HospitalClock
{
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");

    /// <summary>Reads what <see cref="Format"/> wrote.</summary>
    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
}
