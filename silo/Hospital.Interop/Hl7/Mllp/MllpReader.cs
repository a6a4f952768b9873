using System.Buffers;
using System.Runtime.CompilerServices;

namespace Hospital.Interop.Hl7;

/// <summary>
/// Reads MLLP frames (VT, message, FS CR) from a stream, one at a time. Bytes outside frames are reported as
/// garbage (whitespace between frames, which some senders add, is ignored); a frame over the limit is skipped to
/// its end and reported as oversized; a frame cut short by the end of the stream or by a fresh VT is reported as
/// truncated. FS ends a frame without waiting for its CR (the CR is then whitespace between frames), so a sender
/// that never writes one is still answered.
/// Not thread-safe: one reader per connection. Timeouts are the caller's, through the cancellation token.
/// </summary>
public sealed class MllpReader(Stream stream, MllpReaderOptions? options = null)
{
    private readonly MllpReaderOptions _options = options ?? MllpReaderOptions.Default;
    private readonly byte[] _buffer = new byte[Math.Max(16, (options ?? MllpReaderOptions.Default).BufferSize)];
    private readonly ArrayBufferWriter<byte> _kept = new();
    private int _position, _end;
    private long _length;
    private bool _inFrame, _endOfStream;

    /// <summary>The next frame, or null once the stream has ended and everything read has been reported.</summary>
    public async ValueTask<MllpFrame?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_position == _end)
            {
                if (_endOfStream)
                    return Finish();
                _position = 0;
                _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                _endOfStream = _end == 0;
                continue;
            }
            if ((_inFrame ? ScanFrame() : ScanBetweenFrames()) is { } frame)
                return frame;
        }
    }

    /// <summary>Every frame until the stream ends.</summary>
    public async IAsyncEnumerable<MllpFrame> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
            yield return frame;
    }

    private MllpFrame? ScanBetweenFrames()
    {
        var span = _buffer.AsSpan(_position, _end - _position);
        var start = span.IndexOf(Mllp.StartBlock);
        var outside = start < 0 ? span : span[..start];
        _position += outside.Length;
        if (_length == 0)
            outside = outside.TrimStart(" \t\r\n"u8);
        Keep(outside, _options.PreviewBytes);
        if (start >= 0)
        {
            _position++;
            var garbage = _length > 0 ? Take(MllpFrameKind.Garbage) : null;
            _inFrame = true;
            return garbage;
        }
        // Endless garbage (a web browser, a port scanner) is reported in bounded pieces so the caller can hang up.
        return _length > _options.MaxFrameBytes ? Take(MllpFrameKind.Garbage) : null;
    }

    private MllpFrame? ScanFrame()
    {
        var span = _buffer.AsSpan(_position, _end - _position);
        var stop = span.IndexOfAny(Mllp.EndBlock, Mllp.StartBlock);
        var content = stop < 0 ? span : span[..stop];
        _position += content.Length;
        Keep(content, _options.MaxFrameBytes);
        if (stop < 0)
            return null;
        _position++;
        if (span[stop] == Mllp.StartBlock)
            return Take(MllpFrameKind.Truncated); // the sender gave up on that frame and started another
        _inFrame = false;
        return Take(_length > _options.MaxFrameBytes ? MllpFrameKind.Oversized : MllpFrameKind.Message);
    }

    private MllpFrame? Finish()
    {
        if (!_inFrame && _length == 0)
            return null;
        var kind = !_inFrame ? MllpFrameKind.Garbage
            : _length > _options.MaxFrameBytes ? MllpFrameKind.Oversized : MllpFrameKind.Truncated;
        _inFrame = false;
        return Take(kind);
    }

    // Counts every byte but keeps no more than the limit, so a hostile sender cannot make the reader grow.
    private void Keep(ReadOnlySpan<byte> bytes, int limit)
    {
        _length += bytes.Length;
        var room = limit - _kept.WrittenCount;
        if (room > 0)
            _kept.Write(bytes[..Math.Min(room, bytes.Length)]);
    }

    private MllpFrame Take(MllpFrameKind kind)
    {
        var kept = _kept.WrittenSpan;
        var payload = kind == MllpFrameKind.Message ? kept : kept[..Math.Min(kept.Length, _options.PreviewBytes)];
        var frame = new MllpFrame(kind, payload.ToArray(), _length);
        _kept.ResetWrittenCount();
        _length = 0;
        return frame;
    }
}
