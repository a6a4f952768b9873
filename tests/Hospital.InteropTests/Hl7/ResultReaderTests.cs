using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

public sealed class ResultReaderTests
{
    private static readonly Hl7Message Result = Hl7Message.Parse(Hl7Samples.ResultR01);

    [Fact]
    public void EachOrderKeepsTheObservationsThatFollowIt()
    {
        var groups = Hl7ResultGroup.AllFrom(Result);

        Assert.Equal([4, 1], groups.Select(g => g.Observations.Count));
        Assert.Equal(["ORD448811", "ORD448812"], groups.Select(g => g.Request.PlacerOrderNumber));
    }

    [Fact]
    public void TheOrderNamesItsNumbersServiceTimeAndStatus()
    {
        var request = Hl7ResultGroup.AllFrom(Result)[0].Request;

        Assert.Equal(("ORD448811", "LAB99112", "F"), (request.PlacerOrderNumber, request.FillerOrderNumber, request.ResultStatus));
        Assert.Equal(new Hl7CodedValue("24323-8", "Comprehensive metabolic panel", "LN"), request.UniversalService);
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 8, 15, 0, TimeSpan.FromHours(1)), request.ObservedAt);
    }

    [Fact]
    public void ANumericObservationIsReadWithItsCodeUnitsRangeAndFlags()
    {
        var potassium = Hl7Observation.AllFrom(Result)[0];

        Assert.Equal("NM", potassium.ValueType);
        Assert.True(potassium.Identifier.IsLoinc);
        Assert.Equal("2823-3", potassium.Identifier.Code);
        Assert.Equal(4.1m, potassium.NumericValue);
        Assert.Equal("mmol/L", potassium.Units);
        Assert.Equal(["N"], potassium.AbnormalFlags);
        Assert.Equal("F", potassium.Status);
        Assert.True(potassium.ReferenceRange?.Contains(4.1m));
        Assert.Equal(new DateTimeOffset(2025, 3, 2, 8, 15, 0, TimeSpan.FromHours(1)), potassium.ObservedAt);
    }

    [Fact]
    public void ALowResultIsOutsideItsRange()
    {
        var sodium = Hl7Observation.AllFrom(Result)[1];

        Assert.Equal(["L"], sodium.AbnormalFlags);
        Assert.False(sodium.ReferenceRange?.Contains(sodium.NumericValue!.Value));
    }

    [Fact]
    public void ATextObservationKeepsItsTextAndHasNoNumber()
    {
        var comment = Hl7Observation.AllFrom(Result)[3];

        Assert.Equal("Sample taken 08:15 ^ fasting", comment.Value);
        Assert.Null(comment.NumericValue);
        Assert.Equal("P", comment.Status);
        Assert.Null(comment.ReferenceRange);
    }

    [Fact]
    public void RepeatedAbnormalFlagsAreAllKept() =>
        Assert.Equal(["N", "A"], Hl7ResultGroup.AllFrom(Result)[1].Observations[0].AbnormalFlags);

    [Fact]
    public void ANumericObservationThatIsNotANumberIsADataTypeError()
    {
        var message = Hl7Message.Parse(Hl7Samples.Join(Hl7Samples.Header, "OBR|1|A", "OBX|1|NM|2160-0^Creatinine^LN||<1|mg/dL"));

        var failure = Assert.Throws<Hl7ParseException>(() => Hl7ResultGroup.AllFrom(message));

        Assert.Equal(Hl7ErrorCode.DataTypeError, failure.ErrorCode);
        Assert.Equal("OBX-5", failure.Location?.ToString());
    }

    [Fact]
    public void AnObservationBeforeAnyOrderIsASequenceError()
    {
        var message = Hl7Message.Parse(Hl7Samples.Join(Hl7Samples.Header, "OBX|1|ST|x||y", "OBR|1|A"));

        var failure = Assert.Throws<Hl7ParseException>(() => Hl7ResultGroup.AllFrom(message));

        Assert.Equal(Hl7ErrorCode.SegmentSequenceError, failure.ErrorCode);
    }

    [Theory]
    [InlineData("3.5-5.1", 3.5, 5.1, true, true)]
    [InlineData("-1.5 - 2", -1.5, 2.0, true, true)]
    [InlineData("<5", null, 5.0, false, false)]
    [InlineData("<=5", null, 5.0, false, true)]
    [InlineData(">10", 10.0, null, false, false)]
    [InlineData(">= 10", 10.0, null, true, false)]
    [InlineData("negative", null, null, false, false)]
    public void ReferenceRangesAreReadToTheirBounds(string text, double? low, double? high, bool lowInclusive, bool highInclusive)
    {
        var range = Hl7ReferenceRange.Parse(text)!;

        Assert.Equal(((decimal?)low, (decimal?)high, lowInclusive, highInclusive), (range.Low, range.High, range.LowInclusive, range.HighInclusive));
        Assert.Equal(text, range.Text);
    }

    [Theory]
    [InlineData("<5", 4.9, true)]
    [InlineData("<5", 5, false)]
    [InlineData("<=5", 5, true)]
    [InlineData(">10", 10, false)]
    [InlineData("3.5-5.1", 5.1, true)]
    [InlineData("3.5-5.1", 3.4, false)]
    public void AValueIsInARangeWhenItMeetsEveryBound(string text, double value, bool inside) =>
        Assert.Equal(inside, Hl7ReferenceRange.Parse(text)!.Contains((decimal)value));

    [Fact]
    public void ATextRangeCannotSayWhetherAValueIsInIt() =>
        Assert.Null(Hl7ReferenceRange.Parse("negative")!.Contains(1m));
}
