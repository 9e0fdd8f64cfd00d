using System.Text.Json;

namespace Clova.Wire;

/// <summary>
/// Reads an embedding <c>result</c> (<c>{"embedding":[…],"inputTokens":n}</c>) from the reply's bytes, the same as
/// its generated metadata would (same names, same checks), except that the vector is scanned by
/// <see cref="ClovaVectorScanner"/> rather than token by token. Everything else goes through a
/// <see cref="Utf8JsonReader"/>, so the structure is validated as strictly as anywhere else.
/// </summary>
internal static class ClovaEmbeddingReader
{
    /// <summary>
    /// The result sits one level inside the envelope, so it may nest one level less than a whole reply read by a
    /// default <see cref="Utf8JsonReader"/> (64 levels).
    /// </summary>
    private static readonly JsonReaderOptions ResultLevel = new() { MaxDepth = 64 - 1 };

    /// <summary>Reads the object whose <c>{</c> is at <paramref name="start"/>; <paramref name="end"/> is the index of its <c>}</c>.</summary>
    public static ClovaEmbeddingResult Read(ReadOnlySpan<byte> json, int start, out int end)
    {
        int offset = start;
        var reader = new Utf8JsonReader(json[start..], isFinalBlock: true, new JsonReaderState(ResultLevel));
        reader.Read();
        var result = new ClovaEmbeddingResult();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isEmbedding = reader.ValueTextEquals("embedding"u8);
            bool isTokens = !isEmbedding && reader.ValueTextEquals("inputTokens"u8);
            reader.Read();
            if (isEmbedding)
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    result.Embedding = null;
                    continue;
                }

                int open = offset + (int)reader.TokenStartIndex;
                JsonReaderState afterOpen = reader.CurrentState;
                if (reader.TokenType == JsonTokenType.StartArray && ClovaVectorScanner.TryRead(json, open, out int close) is { } vector)
                {
                    result.Embedding = vector;
                    // Resume at the ']' as if the reader had walked the array: the next Read gives its EndArray.
                    offset = close;
                    reader = new Utf8JsonReader(json[close..], isFinalBlock: true, afterOpen);
                    reader.Read();
                }
                else
                {
                    result.Embedding = ClovaVectorConverter.ReadArray(ref reader);
                }
            }
            else if (isTokens)
            {
                result.InputTokens = reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.Number when reader.TryGetInt32(out int tokens) => tokens,
                    _ => throw new JsonException($"inputTokens is a {reader.TokenType} that is not a whole number."),
                };
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException($"Expected the end of the embedding result, not {reader.TokenType}.");
        }

        end = offset + (int)reader.TokenStartIndex;
        return result;
    }
}
