using System.Buffers;

namespace Clova.Internal;

/// <summary>
/// Reads a response body into memory with a ceiling: a hostile or broken server (a 1 GiB error page, a
/// decompression bomb through a caller's decompressing handler) can never make the connector buffer more.
/// </summary>
internal static class ClovaBodyReader
{
    /// <summary>Enough of an error body for CLOVA's envelope or a recognisable excerpt of an HTML page.</summary>
    public const int MaxErrorBytes = 16 * 1024;

    /// <summary>Reads up to <paramref name="maxBytes"/>; <c>Truncated</c> says whether more was there.</summary>
    public static async Task<(byte[] Body, bool Truncated)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        using PooledBody body = await ReadPooledAsync(content, maxBytes, cancellationToken).ConfigureAwait(false);
        return (body.Span.ToArray(), body.Truncated);
    }

    /// <summary>
    /// Reads up to <paramref name="maxBytes"/> into a rented buffer sized from <c>Content-Length</c> when the server
    /// gives one (growing by doubling when it does not, or lies), so a JSON reply is parsed where it landed.
    /// </summary>
    public static async Task<PooledBody> ReadPooledAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        // "No limit" (int.MaxValue) still has to leave room for the one byte read past it.
        maxBytes = Math.Min(maxBytes, Array.MaxLength - 1);
        long? declared = content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            // Still read the first part: an error excerpt is useful, and the connection is dropped on dispose.
            maxBytes = Math.Min(maxBytes, MaxErrorBytes);
        }

        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // One byte more than expected, so the end of the body is seen without a second rent.
        int initial = (int)Math.Min(Math.Min(declared ?? 16 * 1024, maxBytes) + 1, 64 * 1024);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initial, 256));
        int length = 0;
        try
        {
            while (length <= maxBytes)
            {
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, maxBytes + 1) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new PooledBody(buffer, length, declared > length);
                }

                length += read;
            }

            return new PooledBody(buffer, maxBytes, true);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
