using System.Globalization;
using Hospital.Contracts.Admissions;
using Hospital.Grains.Medications;

namespace Hospital.Grains.Billing;

/// <summary>A midnight a patient spent in a bed of a ward: one bed-day of that ward.</summary>
public sealed record BedNight(DateOnly Date, string WardId, DateTimeOffset Midnight)
{
    /// <summary>What identifies the bed-day on its account (a new bed-day for the same night and ward is the same one).</summary>
    public string Key => $"bed-day:{Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{WardId}";
}

/// <summary>Which midnights of the hospital's time zone an admission spent in a bed, and where.</summary>
public static class BedDays
{
    /// <summary>The longest stay whose bed-days are counted (bounds the work of a corrupt or endless record).</summary>
    public const int MaxNights = 3660;

    /// <summary>
    /// Each midnight by <paramref name="now"/> at which the patient held a bed (a stay from <c>From</c> inclusive to
    /// <c>To</c> exclusive), with the ward of that bed. A cancelled admission has none: it never happened.
    /// </summary>
    public static IReadOnlyList<BedNight> Due(Encounter encounter, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (encounter.Status == EncounterStatus.Cancelled)
        {
            return [];
        }

        var nights = new List<BedNight>();
        foreach (var stay in encounter.Locations)
        {
            var end = Min(stay.To ?? encounter.DischargedAt ?? now, now);
            if (end <= stay.From)
            {
                continue;
            }

            var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(stay.From, zone).DateTime);
            for (var i = 0; i <= MaxNights && nights.Count < MaxNights; i++, date = date.AddDays(1))
            {
                var midnight = Midnight(date, zone);
                if (midnight >= end)
                {
                    break;
                }

                if (midnight >= stay.From)
                {
                    nights.Add(new BedNight(date, stay.WardId, midnight));
                }
            }
        }

        return nights;
    }

    /// <summary>The first instant of <paramref name="date"/> in <paramref name="zone"/> (the drug rounds' rule for a clock change).</summary>
    public static DateTimeOffset Midnight(DateOnly date, TimeZoneInfo zone) => DoseSchedule.ToUtc(date, TimeOnly.MinValue, zone);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
