using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>
/// Reads a JSON array of numbers into a <c>float[]</c> of exactly its length: the generated reader grows a list and
/// copies it, which for a 1024-float vector allocates twice the vector. A number that is not a finite float (a
/// string, null, <c>1e39</c>) is a <see cref="JsonException"/>, never a silently infinite component.
/// </summary>
internal sealed class ClovaVectorConverter : JsonConverter<float[]>
{
    /// <summary>Far above any CLOVA vector (1024), so a hostile array cannot grow without bound.</summary>
    public const int MaxLength = 65_536;

    /// <inheritdoc />
    public override float[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return ReadArray(ref reader);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Vectors are only read.");

    /// <summary>Reads the array the reader stands on (the general path; see <see cref="ClovaVectorScanner"/> for the fast one).</summary>
    internal static float[] ReadArray(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"embedding is a {reader.TokenType}, not an array of numbers.");
        }

        float[] buffer = ArrayPool<float>.Shared.Rent(1024);
        int count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                // Numbers hold no escapes, so ValueSpan is the literal; the fast parser declines what it cannot do exactly.
                if (reader.TokenType != JsonTokenType.Number
                    || !((!reader.HasValueSequence && FastFloatParser.TryParse(reader.ValueSpan, out float value)) || reader.TryGetSingle(out value))
                    || !float.IsFinite(value))
                {
                    throw new JsonException($"embedding[{count}] is not a finite number.");
                }

                if (count == buffer.Length)
                {
                    if (count >= MaxLength)
                    {
                        throw new JsonException($"embedding has more than {MaxLength:N0} components.");
                    }

                    float[] larger = ArrayPool<float>.Shared.Rent(count * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<float>.Shared.Return(buffer);
                    buffer = larger;
                }

                buffer[count++] = value;
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
