using Hospital.Contracts.Clinical;

namespace Hospital.UnitTests.Clinical;

public sealed class LabFlagTests
{
    [Theory]
    [InlineData("2.4", "LL")] [InlineData("2.5", "L")] [InlineData("3.4", "L")] [InlineData("3.5", "N")] [InlineData("5.1", "N")]
    [InlineData("5.2", "H")] [InlineData("6.5", "H")] [InlineData("6.6", "HH")]
    public void PotassiumIsFlaggedAgainstItsReferenceAndCriticalLimits(string value, string flag) =>
        Assert.Equal(flag, LabFlags.Flag(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), 3.5m, 5.1m, 2.5m, 6.5m));

    [Fact]
    public void AResultWithoutRangesIsNormal() => Assert.Equal("N", LabFlags.Flag(42m, null, null, null, null));
}
