using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>
/// Reads <see cref="ClovaChatResult"/> by hand: it is deserialized once per streamed token, and the metadata-based
/// path allocates a frame array for every nested object (<c>message</c> inside the event), several times the cost
/// of the event itself. The rare members (<c>usage</c>, <c>aiFilter</c>, <c>toolCalls</c>) still go through the
/// source-generated metadata, but not when they are <c>null</c>, as every token's <c>usage</c> is: entering the
/// serializer for a null measured more than the rest of the event. Unknown members are skipped, as before.
/// </summary>
internal sealed class ClovaChatResultConverter : JsonConverter<ClovaChatResult>
{
    public override ClovaChatResult? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadResult(ref reader);

    /// <summary>Reads one event's data straight from its UTF-8 bytes (the hot path: no serializer state at all).</summary>
    public static ClovaChatResult? ReadResult(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        ClovaChatResult? result = ReadResult(ref reader);
        while (reader.Read())
        {
            // Only trailing whitespace is allowed after the object; any other token is malformed input.
        }

        return result;
    }

    /// <summary>
    /// Reads a result at the reader's position. Malformed text (including invalid UTF-8, which the reader reports as
    /// <see cref="InvalidOperationException"/>) always surfaces as <see cref="JsonException"/>, as from the serializer.
    /// </summary>
    public static ClovaChatResult? ReadResult(ref Utf8JsonReader reader)
    {
        try
        {
            return ReadObject(ref reader);
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    private static ClovaChatResult? ReadObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var result = new ClovaChatResult();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = reader.ValueIsEscaped || reader.HasValueSequence ? Unescaped(ref reader) : reader.ValueSpan;
            if (name.SequenceEqual("message"u8))
            {
                reader.Read();
                ReadMessage(ref reader, result);
            }
            else if (name.SequenceEqual("finishReason"u8))
            {
                result.FinishReason = ReadString(ref reader);
            }
            else if (name.SequenceEqual("created"u8))
            {
                result.Created = ReadTime(ref reader);
            }
            else if (name.SequenceEqual("seed"u8))
            {
                result.Seed = ReadLong(ref reader);
            }
            else if (name.SequenceEqual("usage"u8))
            {
                reader.Read();
                result.Usage = reader.TokenType == JsonTokenType.Null ? null : ClovaWireChecks.Usage(JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ClovaUsage));
            }
            else if (name.SequenceEqual("aiFilter"u8))
            {
                reader.Read();
                result.AiFilter = reader.TokenType == JsonTokenType.Null ? null : ClovaWireChecks.NoNulls(JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ListClovaAiFilter), "aiFilter");
            }
            else if (name.SequenceEqual("stopReason"u8))
            {
                result.StopReason = ReadString(ref reader);
            }
            else if (name.SequenceEqual("inputLength"u8))
            {
                result.InputLength = ClovaWireChecks.Count(ReadLong(ref reader), "inputLength");
            }
            else if (name.SequenceEqual("outputLength"u8))
            {
                result.OutputLength = ClovaWireChecks.Count(ReadLong(ref reader), "outputLength");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, ClovaChatResult value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Chat results are only read.");

    /// <summary>Reads <c>message</c> into the result's inline members (a repeated member replaces the earlier one whole).</summary>
    private static void ReadMessage(ref Utf8JsonReader reader, ClovaChatResult result)
    {
        result.Role = result.Content = result.ThinkingContent = null;
        result.ToolCalls = null;
        result.HasMessage = reader.TokenType != JsonTokenType.Null;
        if (!result.HasMessage)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = reader.ValueIsEscaped || reader.HasValueSequence ? Unescaped(ref reader) : reader.ValueSpan;
            if (name.SequenceEqual("content"u8))
            {
                result.Content = ReadString(ref reader);
            }
            else if (name.SequenceEqual("thinkingContent"u8))
            {
                result.ThinkingContent = ReadString(ref reader);
            }
            else if (name.SequenceEqual("role"u8))
            {
                reader.Read();
                result.Role = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("assistant"u8) ? "assistant" : ToString(ref reader);
            }
            else if (name.SequenceEqual("toolCalls"u8))
            {
                reader.Read();
                result.ToolCalls = reader.TokenType == JsonTokenType.Null ? null : ClovaWireChecks.NoNulls(JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ListClovaToolCall), "message.toolCalls");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>
    /// An escaped (or, from a segmented reader, split) property name as plain bytes. Names are compared as spans, one
    /// length-checked comparison per known name, which is several times cheaper than
    /// <see cref="Utf8JsonReader.ValueTextEquals(ReadOnlySpan{byte})"/> on a path run per streamed token; the rare
    /// escaped name pays for a copy instead.
    /// </summary>
    private static byte[] Unescaped(ref Utf8JsonReader reader) => System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return ToString(ref reader);
    }

    private static string? ToString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string, not {reader.TokenType}."),
    };

    private static long? ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt64(out long value) => value,
            // 1.7E9 is a whole number written as a double; 1e400 or 1.5 is no id, seed or count at all.
            JsonTokenType.Number when reader.TryGetDouble(out double d) && double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 9e18 => (long)d,
            JsonTokenType.Number => throw new JsonException($"The number {System.Text.Encoding.UTF8.GetString(reader.ValueSpan)} is not a whole number in range."),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a number, not {reader.TokenType}."),
        };
    }

    /// <summary>
    /// <c>created</c>: a time no date can have (1e300, 1e400) is no time, and leaves <c>CreatedAt</c> unset as an
    /// out-of-range whole number does (<see cref="Chat.ChatResponseMapper.FromClovaCreated"/>) rather than failing
    /// the reply over a timestamp. A fraction of a second is dropped. Anything but a number is still malformed.
    /// </summary>
    private static long? ReadTime(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt64(out long value) => value,
            JsonTokenType.Number when reader.TryGetDouble(out double d) && double.IsFinite(d) && Math.Abs(d) < 9e18 => (long)Math.Floor(d),
            JsonTokenType.Number => null,
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a number, not {reader.TokenType}."),
        };
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type}, not {reader.TokenType}.");
        }
    }
}
