using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Clova.Wire;

/// <summary>
/// Reads an embedding's <c>[n, n, …]</c> straight from the reply's bytes: for 1024 numbers the general
/// <see cref="Utf8JsonReader"/> costs more than everything else about an embedding call (its tokenising alone
/// measured about half of the OpenAI SDK's whole call). Every number is checked against JSON's grammar here; on any
/// byte outside the plain shape (a comment-like character, a trailing comma, a nested value) it declines, and the
/// caller reads the array with <see cref="ClovaVectorConverter"/>, which reports the error the general reader finds.
/// Results are bit for bit those of the general path: <see cref="FastFloatParser"/> where it is exact, the
/// framework's parser for the rest.
/// </summary>
internal static class ClovaVectorScanner
{
    /// <summary>
    /// Scans the array whose <c>[</c> is at <paramref name="open"/>. Returns the vector and, in
    /// <paramref name="close"/>, the index of its <c>]</c>; or null (nothing consumed) when the caller must use the
    /// general reader. A number that is not a finite float is a <see cref="JsonException"/>, as in the general path.
    /// </summary>
    public static float[]? TryRead(ReadOnlySpan<byte> json, int open, out int close)
    {
        close = -1;
        float[] buffer = ArrayPool<float>.Shared.Rent(1024);
        int count = 0;
        try
        {
            int i = SkipWhitespace(json, open + 1);
            if (i < json.Length && json[i] == (byte)']')
            {
                close = i;
                return [];
            }

            while (true)
            {
                int start = i;
                if (!TryScanNumber(json, ref i, out bool plain))
                {
                    return null;
                }

                ReadOnlySpan<byte> text = json[start..i];
                if (!((plain && FastFloatParser.TryParse(text, out float value)) || float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)))
                {
                    return null;
                }

                if (!float.IsFinite(value))
                {
                    throw new JsonException($"embedding[{count}] is not a finite number.");
                }

                if (count == buffer.Length)
                {
                    if (count >= ClovaVectorConverter.MaxLength)
                    {
                        throw new JsonException($"embedding has more than {ClovaVectorConverter.MaxLength:N0} components.");
                    }

                    float[] larger = ArrayPool<float>.Shared.Rent(count * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<float>.Shared.Return(buffer);
                    buffer = larger;
                }

                buffer[count++] = value;
                i = SkipWhitespace(json, i);
                if (i >= json.Length)
                {
                    return null;
                }

                if (json[i] == (byte)']')
                {
                    close = i;
                    return buffer.AsSpan(0, count).ToArray();
                }

                if (json[i] != (byte)',')
                {
                    return null;
                }

                i = SkipWhitespace(json, i + 1);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Advances over one JSON number: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>, followed by a byte that
    /// can end it. <paramref name="plain"/> says it has no exponent (the fast parser's shape).
    /// </summary>
    internal static bool TryScanNumber(ReadOnlySpan<byte> json, ref int i, out bool plain)
    {
        plain = true;
        int p = i;
        if (p < json.Length && json[p] == (byte)'-')
        {
            p++;
        }

        if (p >= json.Length)
        {
            return false;
        }

        if (json[p] == (byte)'0')
        {
            p++;
        }
        else if (IsDigit(json[p]))
        {
            p = SkipDigits(json, p + 1);
        }
        else
        {
            return false;
        }

        if (p < json.Length && json[p] == (byte)'.')
        {
            if (p + 1 >= json.Length || !IsDigit(json[p + 1]))
            {
                return false;
            }

            p = SkipDigits(json, p + 2);
        }

        if (p < json.Length && (json[p] | 0x20) == (byte)'e')
        {
            plain = false;
            p++;
            if (p < json.Length && (json[p] == (byte)'+' || json[p] == (byte)'-'))
            {
                p++;
            }

            if (p >= json.Length || !IsDigit(json[p]))
            {
                return false;
            }

            p = SkipDigits(json, p + 1);
        }

        // "01" or "1x" is not a number followed by a separator: leave it to the general reader to reject.
        if (p < json.Length && json[p] is not ((byte)',' or (byte)']' or (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
        {
            return false;
        }

        i = p;
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int SkipDigits(ReadOnlySpan<byte> json, int p)
    {
        while (p < json.Length && IsDigit(json[p]))
        {
            p++;
        }

        return p;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> json, int p)
    {
        while (p < json.Length && json[p] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            p++;
        }

        return p;
    }
}
