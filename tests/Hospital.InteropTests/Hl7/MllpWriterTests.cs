using System.Text;
using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

public sealed class MllpWriterTests
{
    [Fact]
    public async Task AMessageIsWrittenBetweenVtAndFsCr()
    {
        var stream = new MemoryStream();

        await MllpWriter.WriteAsync(stream, "MSH|x\r");

        Assert.Equal([0x0B, .. "MSH|x\r"u8.ToArray(), 0x1C, 0x0D], stream.ToArray());
    }

    [Fact]
    public async Task AWrittenFrameReadsBack()
    {
        var stream = new MemoryStream();
        await MllpWriter.WriteAsync(stream, Hl7Samples.AdmitA01);
        stream.Position = 0;

        var frame = await new MllpReader(stream).ReadAsync();

        Assert.Equal(Hl7Samples.AdmitA01, Encoding.UTF8.GetString(frame!.Payload.Span));
    }

    [Fact]
    public async Task AMessageDeclaringLatin1IsWrittenInLatin1()
    {
        var message = "MSH|^~\\&|A|B|||||ADT^A08|1|P|2.5||||||8859/1\rPID|1||H1^^^X^MR||Müller^Zoë\r";
        var stream = new MemoryStream();

        await MllpWriter.WriteAsync(stream, message);

        Assert.Equal(Encoding.Latin1.GetBytes(message), stream.ToArray()[1..^2]);
    }

    [Fact]
    public async Task AMessageHoldingAFramingByteIsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>(() => MllpWriter.WriteAsync(new MemoryStream(), "MSH|\u001c\r"));
}
