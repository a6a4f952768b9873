using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

/// <summary>Escaping is lossless for any text, and parsing never fails with anything but its own exception.</summary>
public sealed class EscapingPropertyTests
{
    // Separators (default and custom), escape-like text, controls, non-ASCII and a surrogate pair.
    private static readonly string[] Alphabet =
        ["a", "Z", "0", " ", "|", "^", "~", "\\", "&", "#", "*", "!", "$", "F", "S", "X", "\\X0D\\", ".br", "\r", "\n", "\t", "\u000b", "\u001c", "é", "ß", "\u00a0", "😀", "\u0085"];

    private static string RandomText(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(0, 24)).Select(_ => Alphabet[random.Next(Alphabet.Length)]));

    [Theory]
    [InlineData('|', '^', '~', '\\', '&')]
    [InlineData('#', '*', '~', '!', '$')]
    public void UnescapingAnEscapedTextGivesTheTextBack(char field, char component, char repetition, char escape, char sub)
    {
        var d = new Hl7Delimiters(field, component, repetition, escape, sub);
        var random = new Random(20250301);
        for (var i = 0; i < 2000; i++)
        {
            var text = RandomText(random);

            var escaped = Hl7Escaping.Escape(text, d);

            Assert.Equal(text, Hl7Escaping.Unescape(escaped, d));
            Assert.DoesNotContain(escaped, c => c is '\r' or '\n' or '\u000b' or '\u001c' || (c != escape && d.IsDelimiter(c)));
        }
    }

    [Fact]
    public void EveryValueOfABuiltMessageReadsBackAfterEncoding()
    {
        var d = Hl7Delimiters.Default;
        var random = new Random(42);
        for (var i = 0; i < 300; i++)
        {
            var values = Enumerable.Range(0, 6).Select(_ => RandomText(random)).ToArray();
            var message = new Hl7Message(d, [
                Hl7Segment.Header(d, Hl7Field.Of(values[0]), Hl7Field.Empty, Hl7Field.Empty, Hl7Field.Empty, Hl7Field.Empty, Hl7Field.Empty,
                    Hl7Field.OfComponents("ADT", "A08"), Hl7Field.Of("C" + i), Hl7Field.Of("P"), Hl7Field.Of("2.5")),
                Hl7Segment.Of("OBX", Hl7Field.Of("1"), Hl7Field.Of("ST"), Hl7Field.OfComponents(values[1], values[2]), Hl7Field.Empty,
                    Hl7Field.OfRepetitions(Hl7Repetition.Of(values[3]), Hl7Repetition.Of(values[4], values[5]))),
            ]);

            var read = Hl7Message.Parse(message.Encode());

            Assert.Equal(values[0], read.Value("MSH-3"));
            Assert.Equal([values[1], values[2], values[3], values[4], values[5]],
                [read.Value("OBX-3.1"), read.Value("OBX-3.2"), read.Value("OBX-5[1]"), read.Value("OBX-5[2].1"), read.Value("OBX-5[2].2")]);
        }
    }

    [Fact]
    public void ArbitraryTextEitherParsesOrFailsWithAParseException()
    {
        var random = new Random(7);
        var pieces = Alphabet.Concat(["MSH", "|^~\\&", "PID", "\r", "|", "2.5", "ADT^A01"]).ToArray();
        for (var i = 0; i < 3000; i++)
        {
            var text = (random.Next(2) == 0 ? Hl7Samples.Header : "") +
                string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => pieces[random.Next(pieces.Length)]));

            var error = Record.Exception(() => Hl7Message.Parse(text));

            Assert.True(error is null or Hl7ParseException, $"{error?.GetType().Name} for {text}");
        }
    }
}
