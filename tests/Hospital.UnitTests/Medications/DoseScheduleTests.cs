using Hospital.Contracts.Medications;
using Hospital.Grains.Medications;

namespace Hospital.UnitTests.Medications;

/// <summary>Doses fall on the ward clock's drug rounds, on both sides of a daylight-saving change.</summary>
public sealed class DoseScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // The UK's clocks go forward at 01:00 UTC on 2026-03-29 and back at 01:00 UTC on 2026-10-25.
    private static readonly DateTimeOffset BeforeSpring = new(2026, 3, 27, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BeforeAutumn = new(2026, 10, 23, 15, 0, 0, TimeSpan.Zero);

    private static MedicationOrder Order(string frequency, DateTimeOffset start) =>
        new("RX-H00000018-1", "H00000018", new DrugRef("N02BE01", "paracetamol"), 1, "g", "oral", frequency, start, null,
            OrderStatus.Active, [], null, "test", start);

    private static List<DateTimeOffset> Doses(string frequency, DateTimeOffset start, int days, TimeZoneInfo? zone = null) =>
        [.. DoseSchedule.Between(Order(frequency, start), zone ?? London, start, start.AddDays(days), start)];

    private static List<string> LocalTimes(IEnumerable<DateTimeOffset> doses, TimeZoneInfo? zone = null) =>
        [.. doses.Select(d => TimeZoneInfo.ConvertTime(d, zone ?? London).ToString("MM-dd HH:mm"))];

    [Theory]
    [InlineData("daily", 1)]
    [InlineData("bd", 2)]
    [InlineData("tds", 3)]
    [InlineData("qds", 4)]
    [InlineData("q4h", 6)]
    [InlineData("q6h", 4)]
    [InlineData("q8h", 3)]
    [InlineData("q12h", 2)]
    public void EveryFrequencyKeepsItsRoundTimesAcrossTheSpringChange(string frequency, int perDay)
    {
        var times = DoseFrequency.Find(frequency)!.Times.Select(t => t.ToString("HH:mm")).ToList();

        var doses = Doses(frequency, BeforeSpring, 4);

        Assert.Equal(4 * perDay, doses.Count);
        Assert.All(LocalTimes(doses), local => Assert.Contains(local[6..], times));
    }

    [Theory]
    [InlineData("daily")]
    [InlineData("bd")]
    [InlineData("tds")]
    [InlineData("qds")]
    [InlineData("q4h")]
    [InlineData("q6h")]
    [InlineData("q8h")]
    [InlineData("q12h")]
    public void EveryFrequencyKeepsItsRoundTimesAcrossTheAutumnChange(string frequency)
    {
        var frequencyTimes = DoseFrequency.Find(frequency)!.Times.Select(t => t.ToString("HH:mm")).ToList();

        var doses = Doses(frequency, BeforeAutumn, 4);

        Assert.Equal(4 * frequencyTimes.Count, doses.Count);
        Assert.All(LocalTimes(doses), local => Assert.Contains(local[6..], frequencyTimes));
    }

    [Fact]
    public void ADailyDoseIsAt0800LocalSo23HoursApartInUtcOverTheSpringChange()
    {
        var doses = Doses("daily", BeforeSpring, 3);

        Assert.Equal(["03-28 08:00", "03-29 08:00", "03-30 08:00"], LocalTimes(doses));
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero), doses[0]);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), doses[1]);
        Assert.Equal(TimeSpan.FromHours(23), doses[1] - doses[0]);
    }

    [Fact]
    public void ADailyDoseIs25HoursApartInUtcOverTheAutumnChange()
    {
        var doses = Doses("daily", BeforeAutumn, 3);

        Assert.Equal(TimeSpan.FromHours(25), doses[1] - doses[0]);
        Assert.Equal(["10-24 08:00", "10-25 08:00", "10-26 08:00"], LocalTimes(doses));
    }

    [Fact]
    public void ARoundTimeTheClocksSkipIsGivenWhenTheyReachIt()
    {
        // New York skips 02:00-03:00 on 2026-03-08: the q4h 02:00 round is given at 03:00.
        var start = new DateTimeOffset(2026, 3, 7, 12, 0, 0, TimeSpan.Zero);

        var local = LocalTimes(Doses("q4h", start, 2, NewYork), NewYork);

        Assert.Contains("03-08 03:00", local);
        Assert.DoesNotContain("03-08 02:00", local);
        Assert.Equal(12, local.Count);
    }

    [Fact]
    public void AWeeklyDoseFallsOnTheWeekdayOfTheFirstRoundAcrossTheChange()
    {
        var doses = Doses("weekly", BeforeSpring, 21);

        Assert.Equal(["03-28 08:00", "04-04 08:00", "04-11 08:00"], LocalTimes(doses));
    }

    [Fact]
    public void AOnceOrderHasOneDoseAtItsStartAndPrnHasNone()
    {
        Assert.Equal([BeforeSpring], Doses("once", BeforeSpring, 3));
        Assert.Empty(Doses("prn", BeforeSpring, 3));
    }

    [Fact]
    public void NoDoseFallsAfterTheEndOrTheDiscontinuation()
    {
        var order = Order("bd", BeforeSpring) with { End = BeforeSpring.AddDays(2) };
        var stopped = order with { End = null, DiscontinuedAt = BeforeSpring.AddDays(1) };

        Assert.Equal(4, DoseSchedule.Between(order, London, BeforeSpring, BeforeSpring.AddDays(10), BeforeSpring).Count());
        Assert.Equal(2, DoseSchedule.Between(stopped, London, BeforeSpring, BeforeSpring.AddDays(10), BeforeSpring).Count());
    }
}
