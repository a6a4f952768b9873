using System.Text;
using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

public sealed class CharsetTests
{
    private const string Latin1Message = "MSH|^~\\&|A|B|||||ADT^A08|1|P|2.5||||||8859/1\rPID|1||H1^^^X^MR||Müller^Zoë\r";

    [Fact]
    public void BytesWithoutACharacterSetAreUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Hl7Samples.Join(Hl7Samples.Header, "PID|1||H1^^^X^MR||Müller^Zoë"));

        Assert.Equal("Zoë", Hl7Message.Parse(bytes).Value("PID-5.2"));
    }

    [Fact]
    public void BytesDeclaringLatin1AreReadAsLatin1()
    {
        var message = Hl7Message.Parse(Encoding.Latin1.GetBytes(Latin1Message));

        Assert.Equal("Müller", message.Value("PID-5.1"));
        Assert.Equal(Encoding.Latin1.GetBytes(Latin1Message), message.ToBytes());
    }

    [Fact]
    public void TextDeclaringLatin1IsWrittenBackInLatin1() =>
        Assert.Equal(Encoding.Latin1.GetBytes(Latin1Message), Hl7Message.Parse(Latin1Message).ToBytes());

    [Fact]
    public void HexEscapesAreBytesInTheDeclaredCharacterSet() =>
        Assert.Equal("é", Hl7Message.Parse(Latin1Message.Replace("Zoë", "\\XE9\\")).Value("PID-5.2"));

    [Fact]
    public void AUtf8ByteOrderMarkIsSkipped()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Hl7Samples.AdmitA01)];

        Assert.Equal("MSH", Hl7Message.Parse(bytes).Segments[0].Id);
    }

    [Theory]
    [InlineData("UNICODE UTF-8", "utf-8")]
    [InlineData("8859/1", "iso-8859-1")]
    [InlineData("ASCII", "us-ascii")]
    [InlineData("", "utf-8")]
    public void Msh18NamesTheEncoding(string characterSet, string webName) =>
        Assert.Equal(webName, Hl7Charset.For(characterSet).WebName);
}
