using System.IO.Pipes;
using System.Text;
using Hospital.Interop.Hl7;

namespace Hospital.InteropTests.Hl7;

public sealed class MllpReaderTests
{
    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Frame(string message) => [0x0B, .. Bytes(message), 0x1C, 0x0D];

    private static async Task<List<MllpFrame>> ReadAll(Stream stream, MllpReaderOptions? options = null)
    {
        var frames = new List<MllpFrame>();
        await foreach (var frame in new MllpReader(stream, options).ReadAllAsync())
            frames.Add(frame);
        return frames;
    }

    // A stream that gives its bytes and then never answers again, like a sender waiting for its ack.
    private sealed class BlockingAfter(byte[] bytes) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await base.ReadAsync(buffer, cancellationToken);
            if (n == 0)
                await Task.Delay(Timeout.Infinite, cancellationToken);
            return n;
        }
    }

    private static string Text(MllpFrame frame) => Encoding.UTF8.GetString(frame.Payload.Span);

    [Fact]
    public async Task AFrameIsReadWithoutItsFramingBytes()
    {
        var frames = await ReadAll(new ChunkedStream(Frame(Hl7Samples.AdmitA01)));

        var frame = Assert.Single(frames);
        Assert.Equal(MllpFrameKind.Message, frame.Kind);
        Assert.Equal(Hl7Samples.AdmitA01, Text(frame));
        Assert.Equal("MSG00001", Hl7Message.Parse(frame.Payload.Span).Value("MSH-10"));
    }

    [Fact]
    public async Task TwoFramesInOneReadAreReturnedOneAfterTheOther()
    {
        var stream = new ChunkedStream([.. Frame("MSH|one"), .. Frame("MSH|two")]);

        var frames = await ReadAll(stream);

        Assert.Equal(["MSH|one", "MSH|two"], frames.Select(Text));
    }

    [Fact]
    public async Task AFrameSplitAcrossReadsIsReassembled()
    {
        var whole = Frame(Hl7Samples.ResultR01);
        var chunks = whole.Chunk(7).ToArray();
        var stream = new ChunkedStream(chunks);

        var frames = await ReadAll(stream);

        Assert.Equal(Hl7Samples.ResultR01, Text(Assert.Single(frames)));
        Assert.True(stream.Reads > chunks.Length);
    }

    [Fact]
    public async Task AFrameEndSplitBetweenFsAndCrIsNotMistakenForGarbage()
    {
        var stream = new ChunkedStream([0x0B, .. Bytes("MSH|a"), 0x1C], [0x0D, .. Frame("MSH|b")]);

        var frames = await ReadAll(stream);

        Assert.Equal([MllpFrameKind.Message, MllpFrameKind.Message], frames.Select(f => f.Kind));
    }

    [Fact]
    public async Task AFrameEndedByFsAloneIsReturnedWithoutWaitingForMore()
    {
        var reader = new MllpReader(new BlockingAfter([0x0B, .. Bytes("MSH|a"), 0x1C]));

        var frame = await reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("MSH|a", Text(frame!));
    }

    [Fact]
    public async Task BytesBeforeTheStartBlockAreReportedAsGarbageAndSkipped()
    {
        var stream = new ChunkedStream([.. Bytes("GET / HTTP/1.1\r\n"), .. Frame("MSH|x")]);

        var frames = await ReadAll(stream);

        Assert.Equal([MllpFrameKind.Garbage, MllpFrameKind.Message], frames.Select(f => f.Kind));
        Assert.Equal("GET / HTTP/1.1\r\n", Text(frames[0]));
        Assert.Equal(16, frames[0].Length);
        Assert.Equal("MSH|x", Text(frames[1]));
    }

    [Fact]
    public async Task WhitespaceBetweenFramesIsIgnored()
    {
        var stream = new ChunkedStream([.. Frame("MSH|a"), (byte)'\n', (byte)'\r', (byte)' ', .. Frame("MSH|b")]);

        Assert.Equal(2, (await ReadAll(stream)).Count(f => f.IsMessage));
    }

    [Fact]
    public async Task AnOversizedFrameIsSkippedToItsEndAndReported()
    {
        var options = new MllpReaderOptions { MaxFrameBytes = 100, PreviewBytes = 20, BufferSize = 32 };
        var big = Hl7Samples.Header + new string('x', 500);
        var stream = new ChunkedStream([.. Frame(big), .. Frame("MSH|next")]);

        var frames = await ReadAll(stream, options);

        Assert.Equal([MllpFrameKind.Oversized, MllpFrameKind.Message], frames.Select(f => f.Kind));
        Assert.Equal(big.Length, frames[0].Length);
        Assert.Equal(Hl7Samples.Header[..20], Text(frames[0]));
        Assert.Equal("MSH|next", Text(frames[1]));
    }

    [Fact]
    public async Task AFrameCutOffByTheEndOfTheStreamIsReportedTruncated()
    {
        var frames = await ReadAll(new ChunkedStream([.. Frame("MSH|a"), 0x0B, .. Bytes("MSH|half")]));

        Assert.Equal([MllpFrameKind.Message, MllpFrameKind.Truncated], frames.Select(f => f.Kind));
        Assert.Equal("MSH|half", Text(frames[1]));
    }

    [Fact]
    public async Task ANewStartBlockInsideAFrameTruncatesThePreviousOne()
    {
        var frames = await ReadAll(new ChunkedStream([0x0B, .. Bytes("MSH|lost"), .. Frame("MSH|kept")]));

        Assert.Equal([MllpFrameKind.Truncated, MllpFrameKind.Message], frames.Select(f => f.Kind));
        Assert.Equal("MSH|kept", Text(frames[1]));
    }

    [Fact]
    public async Task GarbageAtTheEndOfTheStreamIsReported()
    {
        var frames = await ReadAll(new ChunkedStream([.. Frame("MSH|a"), .. Bytes("junk")]));

        Assert.Equal(MllpFrameKind.Garbage, frames[^1].Kind);
    }

    [Fact]
    public async Task EndlessGarbageIsReportedInBoundedPieces()
    {
        var options = new MllpReaderOptions { MaxFrameBytes = 50, PreviewBytes = 10, BufferSize = 16 };
        var reader = new MllpReader(new ChunkedStream(Enumerable.Repeat((byte)'z', 1000).ToArray()), options);

        var first = await reader.ReadAsync();

        Assert.Equal(MllpFrameKind.Garbage, first?.Kind);
        Assert.InRange(first!.Length, 51, 66);
        Assert.Equal(10, first.Payload.Length);
    }

    [Fact]
    public async Task AnEmptyStreamHasNoFrames() => Assert.Empty(await ReadAll(new ChunkedStream()));

    [Fact]
    public async Task AReadWaitingForBytesEndsWhenCancelled()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.In);
        using var client = new AnonymousPipeClientStream(PipeDirection.Out, server.ClientSafePipeHandle);
        await client.WriteAsync(new byte[] { 0x0B, (byte)'M' });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var read = new MllpReader(server).ReadAsync(cancel.Token).AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }
}
