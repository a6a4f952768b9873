using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

public sealed class ParsingTests
{
    [Fact]
    public void MshNumberingCountsTheFieldSeparatorAsMsh1()
    {
        var message = Hl7Message.Parse(Hl7Samples.AdmitA01);

        Assert.Equal("|", message.Value("MSH-1"));
        Assert.Equal(@"^~\&", message.Value("MSH-2"));
        Assert.Equal("EPIC", message.Value("MSH-3"));
        Assert.Equal("MSG00001", message.Value("MSH-10"));
        Assert.Equal("2.5.1", message.Value("MSH-12"));
    }

    [Fact]
    public void OtherSegmentsNumberFieldsFromTheFirstAfterTheId()
    {
        var message = Hl7Message.Parse(Hl7Samples.AdmitA01);

        Assert.Equal("I", message["PV1"]?.Field(2).Value);
        Assert.Equal("19800215", message.Value("PID-7"));
    }

    [Theory]
    [InlineData("MSH-9.1", "ADT")]
    [InlineData("MSH-9.2", "A01")]
    [InlineData("MSH-9.3", "ADT_A01")]
    [InlineData("PV1-3.1", "4WEST")]
    [InlineData("PV1-3.3", "B")]
    [InlineData("PID-3[2].1", "H00000018")]
    [InlineData("PID-3[2].4.2", "1.2.840.114350")]
    [InlineData("PID-3[3].5", "PI")]
    [InlineData("PID-5[2].2", "Jack")]
    [InlineData("PID-99", "")]
    [InlineData("PID-3[9].1", "")]
    [InlineData("ZZZ-1", "")]
    public void ValuesAreFoundByPath(string path, string expected) =>
        Assert.Equal(expected, Hl7Message.Parse(Hl7Samples.AdmitA01).Value(path));

    [Fact]
    public void RepeatingSegmentsAreAddressedByOccurrence()
    {
        var message = Hl7Message.Parse(Hl7Samples.ResultR01);

        Assert.Equal(5, message.All("OBX").Count());
        Assert.Equal("128", message.Value("OBX[2]-5"));
        Assert.Equal(2, message.All("OBR").Last().Sequence);
    }

    [Fact]
    public void FieldRepetitionsAreAllKept()
    {
        var identifiers = Hl7Message.Parse(Hl7Samples.AdmitA01)["PID"]!.Field(3);

        Assert.Equal(["123456", "H00000018", "987"], identifiers.Repetitions.Select(r => r.Value));
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void SegmentsMayEndInCrLfOrBoth(string ending)
    {
        var text = Hl7Samples.AdmitA01.Replace("\r", ending);

        var message = Hl7Message.Parse(text);

        Assert.Equal(["MSH", "EVN", "PID", "PV1"], message.Segments.Select(s => s.Id));
    }

    [Fact]
    public void CustomSeparatorsAreReadFromTheHeader()
    {
        var text = "MSH#*~!$#EPIC#GENHOSP#####ADT*A01#C1#P#2.5\rPID#1##H1*x$y*z*GENHOSP*MR##Doe*Jane!F!Q\r";

        var message = Hl7Message.Parse(text);

        Assert.Equal(new Hl7Delimiters('#', '*', '~', '!', '$'), message.Delimiters);
        Assert.Equal("A01", message.Value("MSH-9.2"));
        Assert.Equal("y", message.Value("PID-3.2.2"));
        Assert.Equal("Jane#Q", message.Value("PID-5.2"));
    }

    [Fact]
    public void EncodingAParsedMessageGivesBackItsText()
    {
        var message = Hl7Message.Parse(Hl7Samples.ResultR01);

        Assert.Equal(Hl7Samples.ResultR01, message.Encode());
    }

    [Fact]
    public void EncodingKeepsCustomSeparators()
    {
        var text = "MSH#*~!$#EPIC#GENHOSP#####ADT*A01#C1#P#2.5\rPID#1##H1*x$y##Doe*Jane!F!Q\r";

        Assert.Equal(text, Hl7Message.Parse(text).Encode());
    }

    [Fact]
    public void ABuiltMessageEscapesItsValues()
    {
        var d = Hl7Delimiters.Default;
        var message = new Hl7Message(d, [
            Hl7Segment.Header(d, Hl7Field.Of("APP"), Hl7Field.Empty, Hl7Field.Empty, Hl7Field.Empty, Hl7Field.Empty, Hl7Field.Empty,
                Hl7Field.OfComponents("ADT", "A01"), Hl7Field.Of("1"), Hl7Field.Of("P"), Hl7Field.Of("2.5")),
            Hl7Segment.Of("NTE", Hl7Field.Of("1"), Hl7Field.Empty, Hl7Field.Of("a|b^c&d~e\\f")),
        ]);

        Assert.Equal("MSH|^~\\&|APP||||||ADT^A01|1|P|2.5\rNTE|1||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\r", message.Encode());
    }

    [Theory]
    [InlineData("PID")]
    [InlineData("PID-")]
    [InlineData("PID-0")]
    [InlineData("pid-3")]
    [InlineData("PID-3[0]")]
    public void AMalformedPathIsTheCallersMistake(string path) =>
        Assert.Throws<ArgumentException>(() => Hl7Message.Parse(Hl7Samples.AdmitA01).Value(path));
}
