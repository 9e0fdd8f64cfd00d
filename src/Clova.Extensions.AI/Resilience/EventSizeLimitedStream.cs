namespace Clova.Resilience;

/// <summary>
/// A read-only wrapper that fails when one SSE event (the bytes since the last blank line) grows beyond a limit,
/// so a hostile or broken stream cannot make the SSE parser buffer without bound. It only scans each chunk for
/// its last event boundary (vectorised), so its cost is negligible next to parsing.
/// </summary>
internal sealed class EventSizeLimitedStream(Stream inner, int maxEventBytes, string requestId) : Stream
{
    private long _sinceBoundary;

    /// <summary>Gets or sets how many characters of output the reader has delivered, for the refusal's figure.</summary>
    public Func<int>? Delivered { get; set; }
    private byte _last1;
    private byte _last2;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Track(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Track(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Track(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty)
        {
            return 0;
        }

        // An event ends at a blank line: "\n\n", "\r\r" or "\r\n\r\n" (whose tail is "\n\r\n").
        // CLOVA ends lines with LF, so one scan usually settles it; CR forms are looked for only when it does not.
        int boundary = chunk.LastIndexOf("\n\n"u8);
        if (boundary < 0 && chunk.Contains((byte)'\r'))
        {
            boundary = Math.Max(chunk.LastIndexOf("\r\r"u8), chunk.LastIndexOf("\n\r\n"u8));
        }

        // A blank line split over two reads: "\n"+"\n", "\r\n\r"+"\n", "\r"+"\r", and a line ended by LF or CRLF
        // followed by a CR or CRLF blank line ("\n"+"\r\n", "\r\n"+"\r\n"): any line end followed by CR starts a blank line.
        bool spansChunks = (chunk[0] == '\n' && (_last1 == '\n' || (_last1 == '\r' && _last2 == '\n')))
            || (chunk[0] == '\r' && (_last1 == '\r' || _last1 == '\n'));
        if (boundary >= 0)
        {
            _sinceBoundary = chunk.Length - boundary;
        }
        else if (spansChunks)
        {
            _sinceBoundary = chunk.Length;
        }
        else
        {
            _sinceBoundary += chunk.Length;
        }

        _last2 = chunk.Length > 1 ? chunk[^2] : _last1;
        _last1 = chunk[^1];
        if (_sinceBoundary > maxEventBytes)
        {
            throw Clova.Internal.ClovaErrors.Protocol(
                $"a stream event exceeded ClovaClientOptions.MaxStreamEventBytes ({maxEventBytes:N0} bytes)", requestId, null, Delivered?.Invoke() ?? 0);
        }

        return chunk.Length;
    }
}
