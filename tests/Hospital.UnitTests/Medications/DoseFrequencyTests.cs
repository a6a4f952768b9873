using Hospital.Contracts.Medications;

namespace Hospital.UnitTests.Medications;

public sealed class DoseFrequencyTests
{
    [Theory]
    [InlineData("daily", 1)] [InlineData("bd", 2)] [InlineData("tds", 3)] [InlineData("qds", 4)] [InlineData("q4h", 6)]
    [InlineData("q6h", 4)] [InlineData("q8h", 3)] [InlineData("q12h", 2)] [InlineData("once", 1)]
    public void EachFrequencyGivesItsDosesADay(string code, int doses) => Assert.Equal(doses, DoseFrequency.Find(code)!.DosesPerDay);

    [Fact]
    public void ScheduledFrequenciesHaveOneAdministrationTimePerDose() =>
        Assert.All(DoseFrequency.All.Where(f => f.Code is not ("weekly" or "once" or "prn")),
            f => Assert.Equal(f.DosesPerDay, f.Times.Count));

    [Fact]
    public void AdministrationTimesAreInOrderWithinTheDay() =>
        Assert.All(DoseFrequency.All, f => Assert.Equal(f.Times.Order(), f.Times));

    [Fact]
    public void WeeklyIsOneDoseAWeek() => Assert.Equal(1, DoseFrequency.Weekly.DosesPerWeek);

    [Fact]
    public void PrnHasNoScheduleAndNoFixedDosesADay()
    {
        Assert.Null(DoseFrequency.Prn.DosesPerDay);
        Assert.Empty(DoseFrequency.Prn.Times);
    }

    [Fact]
    public void FrequencyCodesAreMatchedInAnyCaseAndUnknownOnesAreNull()
    {
        Assert.Same(DoseFrequency.Bd, DoseFrequency.Find("BD"));
        Assert.Null(DoseFrequency.Find("hourly"));
    }
}
