using System.Text;
using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

public sealed class ParseFailureTests
{
    private static Hl7ParseException Failure(string text, Hl7ParseOptions? options = null) =>
        Assert.Throws<Hl7ParseException>(() => Hl7Message.Parse(text, options));

    [Fact]
    public void AMessageThatDoesNotStartWithMshIsRejected()
    {
        var failure = Failure(Hl7Samples.Join("PID|1||H1^^^X^MR", Hl7Samples.Header));

        Assert.Equal(Hl7ParseFailure.MissingHeader, failure.Failure);
        Assert.Equal(Hl7ErrorCode.SegmentSequenceError, failure.ErrorCode);
        Assert.Equal(Hl7AckCode.AR, failure.AckCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\r")]
    public void AnEmptyMessageIsRejected(string text) =>
        Assert.Equal(Hl7ParseFailure.Empty, Failure(text).Failure);

    [Theory]
    [InlineData("MSH|^~\\|EPIC|GENHOSP|||||ADT^A01|1|P|2.5")]
    [InlineData("MSH|^~\\&&|EPIC|GENHOSP|||||ADT^A01|1|P|2.5")]
    [InlineData("MSH|^^\\&|EPIC|GENHOSP|||||ADT^A01|1|P|2.5")]
    [InlineData("MSH|^~|&|EPIC|GENHOSP|||||ADT^A01|1|P|2.5")]
    [InlineData("MSHA^~\\&AEPIC")]
    [InlineData("MSH|")]
    public void UnusableEncodingCharactersAreRejected(string header)
    {
        var failure = Failure(header + "\r");

        Assert.Equal(Hl7ParseFailure.BadEncodingCharacters, failure.Failure);
        Assert.Equal("MSH", failure.Location?.SegmentId);
        Assert.Equal(2, failure.Location?.Field);
    }

    [Fact]
    public void AHeaderWithoutItsVersionFieldIsTruncated()
    {
        var failure = Failure("MSH|^~\\&|EPIC|GENHOSP|ORLEANS|HOSPITAL|20250301||ADT^A01|MSG1|P\r");

        Assert.Equal(Hl7ParseFailure.TruncatedHeader, failure.Failure);
        Assert.Equal(Hl7ErrorCode.RequiredFieldMissing, failure.ErrorCode);
        Assert.Contains("11 fields", failure.Message);
    }

    [Theory]
    [InlineData("MSH|^~\\&|EPIC|GENHOSP|||||||P|2.5", 9)]
    [InlineData("MSH|^~\\&|EPIC|GENHOSP|||||ADT^A01||P|2.5", 10)]
    [InlineData("MSH|^~\\&|EPIC|GENHOSP|||||ADT^A01|1|P|", 12)]
    public void AnEmptyRequiredHeaderFieldIsNamed(string header, int field)
    {
        var failure = Failure(header + "\r");

        Assert.Equal(Hl7ParseFailure.RequiredFieldMissing, failure.Failure);
        Assert.Equal(new Hl7ErrorLocation("MSH", 1, field), failure.Location);
    }

    [Theory]
    [InlineData("pid|1")]
    [InlineData("PI|1")]
    [InlineData("PIDX|1")]
    [InlineData("P-D|1")]
    public void ASegmentIdThatIsNotThreeCapitalsOrDigitsIsRejected(string segment)
    {
        var failure = Failure(Hl7Samples.Join(Hl7Samples.Header, "EVN|A01", segment));

        Assert.Equal(Hl7ParseFailure.BadSegmentId, failure.Failure);
        Assert.Contains("Segment 3", failure.Message);
    }

    [Fact]
    public void ZSegmentsAndDigitsInIdsAreAccepted()
    {
        var message = Hl7Message.Parse(Hl7Samples.Join(Hl7Samples.Header, "ZPI|1|x", "IN1|1"));

        Assert.Equal("x", message.Value("ZPI-2"));
    }

    [Fact]
    public void AMessageOverTheByteLimitIsRefused()
    {
        var options = new Hl7ParseOptions { MaxBytes = 200 };
        var text = Hl7Samples.Join(Hl7Samples.Header, "NTE|1||" + new string('x', 200));

        Assert.Equal(Hl7ParseFailure.MessageTooLarge, Failure(text, options).Failure);
        Assert.Throws<Hl7ParseException>(() => Hl7Message.Parse(Encoding.UTF8.GetBytes(text), options));
    }

    [Fact]
    public void TheByteLimitCountsUtf8BytesNotCharacters()
    {
        var text = Hl7Samples.Join(Hl7Samples.Header, "NTE|1||" + new string('é', 60));
        var options = new Hl7ParseOptions { MaxBytes = text.Length + 30 };

        Assert.Equal(Hl7ParseFailure.MessageTooLarge, Failure(text, options).Failure);
    }

    [Fact]
    public void AMessageWithTooManySegmentsIsRefused()
    {
        var text = Hl7Samples.Join([Hl7Samples.Header, .. Enumerable.Repeat("NTE|1", 10)]);

        Assert.Equal(Hl7ParseFailure.TooManySegments, Failure(text, new Hl7ParseOptions { MaxSegments = 10 }).Failure);
        Assert.Equal(11, Hl7Message.Parse(text, new Hl7ParseOptions { MaxSegments = 11 }).Segments.Count);
    }

    [Theory]
    [InlineData("2.2")]
    [InlineData("2.6")]
    [InlineData("3")]
    public void VersionsOutsideTwoPointThreeToTwoPointFiveOneAreRefused(string version)
    {
        var text = $"MSH|^~\\&|EPIC|GENHOSP|||||ADT^A01|1|P|{version}\r";

        var failure = Failure(text);

        Assert.Equal(Hl7ErrorCode.UnsupportedVersionId, failure.ErrorCode);
        Assert.Equal(version, Hl7Message.Parse(text, new Hl7ParseOptions { AcceptAnyVersion = true }).Value("MSH-12"));
    }

    [Fact]
    public void AnUnknownCharacterSetIsRefused()
    {
        var bytes = Encoding.ASCII.GetBytes("MSH|^~\\&|EPIC|GENHOSP|||||ADT^A01|1|P|2.5||||||UNICODE UTF-16\r");

        var failure = Assert.Throws<Hl7ParseException>(() => Hl7Message.Parse(bytes));

        Assert.Equal(Hl7ParseFailure.UnsupportedCharacterSet, failure.Failure);
        Assert.Equal(18, failure.Location?.Field);
    }
}
