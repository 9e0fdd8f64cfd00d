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
        if (content.Headers.ContentLength is long declared && declared > maxBytes)
        {
            // Still read the first part: an error excerpt is useful, and the connection is dropped on dispose.
            maxBytes = Math.Min(maxBytes, MaxErrorBytes);
        }

        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(maxBytes, 1) + 1, 64 * 1024));
        try
        {
            var body = new ArrayBufferWriter<byte>(Math.Min(maxBytes + 1, 64 * 1024));
            while (body.WrittenCount <= maxBytes)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, maxBytes + 1 - body.WrittenCount)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (body.WrittenSpan.ToArray(), content.Headers.ContentLength > body.WrittenCount);
                }

                body.Write(buffer.AsSpan(0, read));
            }

            return (body.WrittenSpan[..maxBytes].ToArray(), true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
