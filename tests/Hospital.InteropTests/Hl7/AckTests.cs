using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

public sealed class AckTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 14, 30, 5, TimeSpan.FromHours(1));

    private static string[] Segments(Hl7Message ack) => ack.Encode().TrimEnd('\r').Split('\r');

    [Fact]
    public void AnAcceptSwapsTheApplicationsAndEchoesTheControlId()
    {
        var inbound = Hl7Message.Parse(Hl7Samples.AdmitA01);

        var ack = Hl7Ack.Accept(Hl7AckSource.From(inbound), "ACK0001", Now);

        Assert.Equal([
            @"MSH|^~\&|ORLEANS|HOSPITAL|EPIC|GENHOSP|20250301143005+0100||ACK^A01^ACK|ACK0001|P|2.5.1",
            "MSA|AA|MSG00001",
        ], Segments(ack));
    }

    [Fact]
    public void AnAckKeepsTheVersionAndProcessingIdOfWhatItAnswers()
    {
        var ack = Hl7Ack.Accept(Hl7AckSource.From(Hl7Message.Parse(Hl7Samples.UpdateA08)), "A2", Now);

        Assert.Equal(("T", "2.4", "A08"), (ack.Value("MSH-11"), ack.Value("MSH-12"), ack.Value("MSH-9.2")));
    }

    [Fact]
    public void AnApplicationErrorCarriesItsTextAndAnErrSegment()
    {
        var source = Hl7AckSource.From(Hl7Message.Parse(Hl7Samples.MergeA40));
        var error = new Hl7AckError(Hl7ErrorCode.UnknownKeyIdentifier, "No patient H00000026 | merge refused",
            new Hl7ErrorLocation("MRG", 1, 1, 1, 1));

        var ack = Hl7Ack.Build(source, Hl7AckCode.AE, "A3", Now, "Unknown patient", [error]);

        Assert.Equal([
            "MSA|AE|MSG00005|Unknown patient",
            @"ERR||MRG^1^1^1^1|204^Unknown key identifier^HL70357|E||||No patient H00000026 \F\ merge refused",
        ], Segments(ack)[1..]);
    }

    [Fact]
    public void AParseFailureInTheBodyIsAnAeNamingTheField()
    {
        var inbound = Hl7Message.Parse(Hl7Samples.Join(Hl7Samples.Header, "PID|1||H1^^^X^MR||Doe^Jane||19801301|F"));
        var failure = Assert.Throws<Hl7ParseException>(() => Hl7PatientIdentification.From(inbound));

        var ack = Hl7Ack.ForFailure(Hl7AckSource.From(inbound), failure, "A4", Now);

        Assert.Equal("AE", ack.Value("MSA-1"));
        Assert.Equal("PID^1^7", string.Join('^', ack["ERR"]!.Field(2).Repetition(1).Components.Select(c => c[0])));
        Assert.Equal("102^Data type error^HL70357", Segments(ack)[2].Split('|')[3]);
        Assert.Equal("E", ack.Value("ERR-4"));
        Assert.Contains("month 13", ack.Value("ERR-8"));
    }

    [Fact]
    public void ATruncatedHeaderIsRejectedWithWhatCanBeReadOfIt()
    {
        var raw = "MSH|^~\\&|EPIC|GENHOSP|ORLEANS|HOSPITAL|20250301||ADT^A01|MSG9|P\rPID|1\r";
        var failure = Assert.Throws<Hl7ParseException>(() => Hl7Message.Parse(raw));

        var ack = Hl7Ack.ForFailure(Hl7AckSource.FromRaw(raw), failure, "A5", Now);

        Assert.Equal([
            @"MSH|^~\&|ORLEANS|HOSPITAL|EPIC|GENHOSP|20250301143005+0100||ACK^A01^ACK|A5|P|2.5.1",
            "MSA|AR|MSG9|MSH has 11 fields; it needs at least 12 (MSH-9, MSH-10 and MSH-12 are required).",
            "ERR||MSH^1^12|101^Required field missing^HL70357|E||||MSH has 11 fields; it needs at least 12 (MSH-9, MSH-10 and MSH-12 are required).",
        ], Segments(ack));
    }

    [Fact]
    public void BytesThatAreNoMessageAreRejectedWithAnEmptyAddress()
    {
        var failure = Assert.Throws<Hl7ParseException>(() => Hl7Message.Parse("GET / HTTP/1.1\r\n"));

        var ack = Hl7Ack.ForFailure(Hl7AckSource.FromRaw("GET / HTTP/1.1\r\n"u8), failure, "A6", Now);

        Assert.Equal(@"MSH|^~\&|||||20250301143005+0100||ACK|A6|P|2.5.1", Segments(ack)[0]);
        Assert.Equal("MSA|AR|", Segments(ack)[1][..7]);
        Assert.Equal("100", ack.Value("ERR-3.1"));
        Assert.Equal("", ack.Value("ERR-2"));
    }

    [Fact]
    public void AHeaderWithCustomSeparatorsIsAnsweredInTheDefaultOnes()
    {
        var inbound = Hl7Message.Parse("MSH#*~!$#EPIC*1.2.3*ISO#GENHOSP#####ADT*A01#C1#P#2.5\r");

        var ack = Hl7Ack.Accept(Hl7AckSource.From(inbound), "A7", Now);

        Assert.Equal(@"MSH|^~\&|||EPIC^1.2.3^ISO|GENHOSP|20250301143005+0100||ACK^A01^ACK|A7|P|2.5", Segments(ack)[0]);
    }

    [Fact]
    public void LongTextsAreCutToWhatStrictReceiversAccept()
    {
        var source = Hl7AckSource.From(Hl7Message.Parse(Hl7Samples.AdmitA01));

        var ack = Hl7Ack.Build(source, Hl7AckCode.AE, "A8", Now, new string('x', 500),
            [new Hl7AckError(Hl7ErrorCode.ApplicationInternalError, new string('y', 500))]);

        Assert.Equal((80, 250), (ack.Value("MSA-3").Length, ack.Value("ERR-8").Length));
        Assert.Equal("207^Application internal error^HL70357", Segments(ack)[2].Split('|')[3]);
    }

    [Fact]
    public void AnAckParsesAsAMessage()
    {
        var ack = Hl7Ack.Build(Hl7AckSource.From(Hl7Message.Parse(Hl7Samples.AdmitA01)), Hl7AckCode.AR, "A9", Now, "Busy");

        var read = Hl7Message.Parse(ack.Encode());

        Assert.Equal(new Hl7MessageType("ACK", "A01", "ACK"), Hl7Header.Read(read).MessageType);
        Assert.Equal(("AR", "MSG00001", "Busy"), (read.Value("MSA-1"), read.Value("MSA-2"), read.Value("MSA-3")));
    }
}
