using Hospital.Grains.Patients;

namespace Hospital.UnitTests.Patients;

public sealed class MrnFormatTests
{
    [Theory]
    [InlineData(1, "H00000018")]
    [InlineData(1234567, "H12345674")]
    public void AnMrnIsSevenDigitsAndALuhnCheckDigit(long number, string expected) =>
        Assert.Equal(expected, MrnAllocatorGrain.Format(number));

    [Fact]
    public void ATransposedDigitChangesTheCheckDigit() =>
        Assert.NotEqual(MrnAllocatorGrain.Format(12)[^1], MrnAllocatorGrain.Format(21)[^1]);
}
