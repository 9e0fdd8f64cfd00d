using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>
/// Reads <see cref="ClovaChatResult"/> by hand: it is deserialized once per streamed token, and the metadata-based
/// path allocates a frame array for every nested object (<c>message</c> inside the event), several times the cost
/// of the event itself. The rare members (<c>usage</c>, <c>aiFilter</c>, <c>toolCalls</c>) still go through the
/// source-generated metadata. Unknown members are skipped, as before.
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
            if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                result.Message = ReadMessage(ref reader);
            }
            else if (reader.ValueTextEquals("finishReason"u8))
            {
                result.FinishReason = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("created"u8))
            {
                result.Created = ReadTime(ref reader);
            }
            else if (reader.ValueTextEquals("seed"u8))
            {
                result.Seed = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                result.Usage = ClovaWireChecks.Usage(JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ClovaUsage));
            }
            else if (reader.ValueTextEquals("aiFilter"u8))
            {
                reader.Read();
                result.AiFilter = ClovaWireChecks.NoNulls(JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ListClovaAiFilter), "aiFilter");
            }
            else if (reader.ValueTextEquals("stopReason"u8))
            {
                result.StopReason = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("inputLength"u8))
            {
                result.InputLength = ClovaWireChecks.Count(ReadLong(ref reader), "inputLength");
            }
            else if (reader.ValueTextEquals("outputLength"u8))
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

    private static ClovaResponseMessage? ReadMessage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var message = new ClovaResponseMessage();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                message.Content = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("thinkingContent"u8))
            {
                message.ThinkingContent = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                message.Role = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("assistant"u8) ? "assistant" : ToString(ref reader);
            }
            else if (reader.ValueTextEquals("toolCalls"u8))
            {
                reader.Read();
                message.ToolCalls = ClovaWireChecks.NoNulls(JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ListClovaToolCall), "message.toolCalls");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return message;
    }

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
