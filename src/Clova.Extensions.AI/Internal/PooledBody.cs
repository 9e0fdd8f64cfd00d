using System.Buffers;

namespace Clova.Internal;

/// <summary>A response body read into a rented buffer; disposing returns the buffer, so a JSON reply costs no garbage.</summary>
internal readonly struct PooledBody : IDisposable
{
    private readonly byte[]? _buffer;

    public PooledBody(byte[] buffer, int length, bool truncated)
    {
        _buffer = buffer;
        Length = length;
        Truncated = truncated;
    }

    /// <summary>Gets how many bytes were read.</summary>
    public int Length { get; }

    /// <summary>Gets whether the body was longer than the ceiling (only the first part was read).</summary>
    public bool Truncated { get; }

    /// <summary>Gets the bytes read.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
