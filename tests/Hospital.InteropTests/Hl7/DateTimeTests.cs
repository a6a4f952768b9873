using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

public sealed class DateTimeTests
{
    private static readonly Hl7ErrorLocation Pv144 = new("PV1", Field: 44);

    public static TheoryData<string, DateTimeOffset> Valid => new()
    {
        { "2025", new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) },
        { "202503", new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero) },
        { "20250301", new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero) },
        { "2025030114", new(2025, 3, 1, 14, 0, 0, TimeSpan.Zero) },
        { "202503011430", new(2025, 3, 1, 14, 30, 0, TimeSpan.Zero) },
        { "20250301143015", new(2025, 3, 1, 14, 30, 15, TimeSpan.Zero) },
        { "20250301143015.5", new DateTimeOffset(2025, 3, 1, 14, 30, 15, TimeSpan.Zero).AddMilliseconds(500) },
        { "20250301143015.1234", new DateTimeOffset(2025, 3, 1, 14, 30, 15, TimeSpan.Zero).AddTicks(1_234_000) },
        { "20250301143015+0100", new(2025, 3, 1, 14, 30, 15, TimeSpan.FromHours(1)) },
        { "20250301143015.25-0530", new DateTimeOffset(2025, 3, 1, 14, 30, 15, new TimeSpan(-5, -30, 0)).AddMilliseconds(250) },
        { "20250301+1400", new(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(14)) },
        { "20240229", new(2024, 2, 29, 0, 0, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void HL7DateTimesOfEveryPrecisionAreRead(string text, DateTimeOffset expected)
    {
        var read = Hl7DateTime.Parse(text, Pv144);

        Assert.Equal(expected, read);
        Assert.Equal(expected.Offset, read?.Offset);
    }

    [Fact]
    public void AValueWithoutAnOffsetTakesTheDefaultOffset() =>
        Assert.Equal(TimeSpan.FromHours(2), Hl7DateTime.Parse("202507011200", Pv144, TimeSpan.FromHours(2))?.Offset);

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    public void AnEmptyOrNullValueIsNoDate(string text) => Assert.Null(Hl7DateTime.Parse(text, Pv144));

    [Theory]
    [InlineData("20251301", "month 13")]
    [InlineData("20250001", "month 0")]
    [InlineData("20250230", "day 30")]
    [InlineData("20230229", "day 29")]
    [InlineData("20250301246000", "time 24:60")]
    [InlineData("18991231", "year 1899")]
    [InlineData("22010101", "year 2201")]
    [InlineData("20250301+1500", "offset +1500")]
    [InlineData("20250301+0160", "offset +0160")]
    [InlineData("2025030", "is not")]
    [InlineData("20250301 1430", "is not")]
    [InlineData("20250301143015.12345", "is not")]
    [InlineData("2025-03-01", "is not")]
    [InlineData("20250301\n", "is not")]
    [InlineData("٢٠٢٥", "is not")]
    public void AnInvalidDateTimeIsAParseErrorNamingItsField(string text, string why)
    {
        var failure = Assert.Throws<Hl7ParseException>(() => Hl7DateTime.Parse(text, Pv144));

        Assert.Equal(Hl7ParseFailure.InvalidDateTime, failure.Failure);
        Assert.Equal(Pv144, failure.Location);
        Assert.StartsWith("PV1-44 ", failure.Message);
        Assert.Contains(why, failure.Message);
    }

    [Fact]
    public void AnInvalidMonthInAMessageIsAnApplicationErrorAtItsField()
    {
        var message = Hl7Message.Parse(Hl7Samples.Join(Hl7Samples.Header, "PID|1||H1^^^X^MR||Doe^Jane||19801301|F"));

        var failure = Assert.Throws<Hl7ParseException>(() => Hl7PatientIdentification.From(message));

        Assert.Equal(new Hl7ErrorLocation("PID", 1, 7), failure.Location);
        Assert.Equal(Hl7ErrorCode.DataTypeError, failure.ErrorCode);
        Assert.Equal(Hl7AckCode.AE, failure.AckCode);
    }

    [Theory]
    [InlineData(60, "20250301143000+0100")]
    [InlineData(-330, "20250301143000-0530")]
    [InlineData(0, "20250301143000+0000")]
    public void DateTimesAreWrittenToTheSecondWithTheirOffset(int offsetMinutes, string expected) =>
        Assert.Equal(expected, Hl7DateTime.Format(new DateTimeOffset(2025, 3, 1, 14, 30, 0, TimeSpan.FromMinutes(offsetMinutes))));
}
