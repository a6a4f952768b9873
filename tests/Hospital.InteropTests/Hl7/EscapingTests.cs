using System.Text;
using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

public sealed class EscapingTests
{
    private static readonly Hl7Delimiters D = Hl7Delimiters.Default;

    [Theory]
    [InlineData(@"a\F\b", "a|b")]
    [InlineData(@"a\S\b", "a^b")]
    [InlineData(@"a\T\b", "a&b")]
    [InlineData(@"a\R\b", "a~b")]
    [InlineData(@"a\E\b", @"a\b")]
    [InlineData(@"line 1\.br\line 2", "line 1\nline 2")]
    [InlineData(@"\H\bold\N\", "bold")]
    [InlineData(@"\X0D0A\", "\r\n")]
    [InlineData(@"caf\XC3A9\", "café")]
    public void EscapeSequencesAreDecodedOnRead(string written, string read) =>
        Assert.Equal(read, Hl7Escaping.Unescape(written, D));

    [Theory]
    [InlineData(@"\Zcustom\")]
    [InlineData(@"\X0\")]
    [InlineData(@"\XZZ\")]
    [InlineData(@"unterminated \F")]
    [InlineData(@"\.sp2\")]
    public void UnknownOrBrokenSequencesAreKeptAsWritten(string written) =>
        Assert.Equal(written, Hl7Escaping.Unescape(written, D));

    [Fact]
    public void HexBytesAreReadInTheMessagesCharacterSet() =>
        Assert.Equal("café", Hl7Escaping.Unescape(@"caf\XE9\", D, Encoding.Latin1));

    [Theory]
    [InlineData("a|b^c~d&e\\f", @"a\F\b\S\c\R\d\T\e\E\f")]
    [InlineData("two\nlines", @"two\.br\lines")]
    [InlineData("cr\rhere", @"cr\X0D\here")]
    [InlineData("frame\u000bbreaker\u001c", @"frame\X0B\breaker\X1C\")]
    [InlineData("plain text", "plain text")]
    public void SeparatorsAndControlCharactersAreEscapedOnWrite(string text, string written) =>
        Assert.Equal(written, Hl7Escaping.Escape(text, D));

    [Fact]
    public void EscapesUseTheMessagesOwnEscapeCharacter()
    {
        var d = new Hl7Delimiters('#', '*', '~', '!', '$');

        Assert.Equal("a!F!b!S!c!E!d", Hl7Escaping.Escape("a#b*c!d", d));
        Assert.Equal("a#b*c!d", Hl7Escaping.Unescape("a!F!b!S!c!E!d", d));
    }

    [Fact]
    public void AnEscapedValueSurvivesAWholeMessageRoundTrip()
    {
        var text = Hl7Samples.Join(Hl7Samples.Header, @"NTE|1||K \T\ Na: 3\S\4 \F\ see \E\notes\E\\.br\next");

        var message = Hl7Message.Parse(text);

        Assert.Equal("K & Na: 3^4 | see \\notes\\\nnext", message.Value("NTE-3"));
        Assert.Equal(text, message.Encode());
    }
}
