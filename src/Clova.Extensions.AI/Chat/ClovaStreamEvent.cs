using System.Text.Json;
using Clova.Wire;

namespace Clova.Chat;

/// <summary>
/// One decoded SSE event. Decoding happens inside <see cref="System.Net.ServerSentEvents.SseParser"/>'s item
/// callback straight from the UTF-8 bytes (no intermediate string), and never throws: a bad payload becomes
/// <see cref="ClovaStreamEventKind.Invalid"/> so the reader can report it with the stream's context.
/// </summary>
internal readonly struct ClovaStreamEvent
{
    private ClovaStreamEvent(ClovaStreamEventKind kind, string eventType, ClovaChatResult? result = null, ClovaStatus? status = null, JsonException? error = null)
    {
        Kind = kind;
        EventType = eventType;
        Result = result;
        Status = status;
        Error = error;
    }

    public ClovaStreamEventKind Kind { get; }

    public string EventType { get; }

    public ClovaChatResult? Result { get; }

    public ClovaStatus? Status { get; }

    public JsonException? Error { get; }

    /// <summary>The <see cref="System.Net.ServerSentEvents.SseItemParser{T}"/> for CLOVA streams.</summary>
    public static ClovaStreamEvent Parse(string eventType, ReadOnlySpan<byte> data)
    {
        // A bare "[DONE]" line ends the stream whatever the event is called.
        if (data.SequenceEqual("[DONE]"u8))
        {
            return new(ClovaStreamEventKind.Done, eventType);
        }

        try
        {
            switch (eventType)
            {
                case "token":
                    return new(ClovaStreamEventKind.Token, eventType, Deserialize(data, eventType));
                case "result":
                    return new(ClovaStreamEventKind.Result, eventType, Deserialize(data, eventType));
                case "error":
                    return new(ClovaStreamEventKind.Error, eventType, status: JsonSerializer.Deserialize(data, ClovaJson.Context.ClovaErrorEvent)?.Status);
                case "signal":
                    return new(IsDoneSignal(data) ? ClovaStreamEventKind.Done : ClovaStreamEventKind.Ignored, eventType);
                default:
                    return new(ClovaStreamEventKind.Ignored, eventType);
            }
        }
        catch (JsonException e)
        {
            return new(ClovaStreamEventKind.Invalid, eventType, error: e);
        }
    }

    private static ClovaChatResult Deserialize(ReadOnlySpan<byte> data, string eventType) =>
        ClovaChatResultConverter.ReadResult(data) ?? throw new JsonException($"The {eventType} event's data is null.");

    /// <summary>Signal data is documented as a string; in practice it is <c>{"data":"[DONE]"}</c>.</summary>
    private static bool IsDoneSignal(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueTextEquals("[DONE]"u8);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isData = reader.ValueTextEquals("data"u8);
            reader.Read();
            if (isData)
            {
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("[DONE]"u8);
            }

            reader.Skip();
        }

        return false;
    }
}
