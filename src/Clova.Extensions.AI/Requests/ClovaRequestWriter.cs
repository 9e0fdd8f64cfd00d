using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clova.Internal;
using Clova.Wire;

namespace Clova.Requests;

/// <summary>
/// Writes a <see cref="ClovaRequest"/> as UTF-8 JSON in one pass: <c>messages</c>, then every set parameter in table
/// order under its dialect's name. A raw field of the caller's replaces the mapped one where it stands; raw fields
/// with no mapped counterpart follow at the end. Korean and Japanese text stay unescaped.
/// </summary>
internal static class ClovaRequestWriter
{
    private const int MaxRetainedBytes = 256 * 1024;

    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and writer per thread, reused: writing is synchronous, and a growing buffer per request would
    // allocate several times the body (a 10-turn Korean history is a few KB) before the final copy.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The body as an array of its exact size.</summary>
    public static byte[] ToUtf8(ClovaRequest request)
    {
        ArrayBufferWriter<byte> buffer = WriteToThreadBuffer(request);
        try
        {
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            ResetThreadBuffer(buffer);
        }
    }

    /// <summary>The body in a rented array, for a call that gives it back when it ends (see <see cref="ClovaRequestBody"/>).</summary>
    public static ClovaRequestBody ToRentedBody(ClovaRequest request)
    {
        ArrayBufferWriter<byte> buffer = WriteToThreadBuffer(request);
        try
        {
            // A huge body (images) is not handed to the shared pool, which would keep it, prompt included, alive after the call.
            return buffer.WrittenCount > MaxRetainedBytes ? buffer.WrittenSpan.ToArray() : ClovaRequestBody.Rent(buffer.WrittenSpan);
        }
        finally
        {
            ResetThreadBuffer(buffer);
        }
    }

    private static ArrayBufferWriter<byte> WriteToThreadBuffer(ClovaRequest request)
    {
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer, Relaxed);
        try
        {
            Write(writer, request);
            writer.Flush();
            return buffer;
        }
        catch
        {
            ResetThreadBuffer(buffer);
            throw;
        }
    }

    private static void ResetThreadBuffer(ArrayBufferWriter<byte> buffer)
    {
        t_writer!.Reset(buffer);
        buffer.ResetWrittenCount();
        if (buffer.Capacity > MaxRetainedBytes)
        {
            // A huge body (images) is not kept alive by the thread.
            t_buffer = null;
            t_writer = null;
        }
    }

    /// <summary>
    /// The messages: a text-only message (the bulk of any history) is written by hand, which measured several times
    /// faster than the serializer's metadata path; one with parts, tool calls or a tool-call id goes through the
    /// generated metadata. Both write the same JSON.
    /// </summary>
    private static void WriteMessages(Utf8JsonWriter writer, List<ClovaRequestMessage> messages)
    {
        writer.WriteStartArray();
        foreach (ClovaRequestMessage message in messages)
        {
            if (message.Content.Parts is null && message.ToolCalls is null && message.ToolCallId is null)
            {
                writer.WriteStartObject();
                writer.WriteString("role"u8, message.Role);
                writer.WriteString("content"u8, message.Content.Text);
                writer.WriteEndObject();
            }
            else
            {
                JsonSerializer.Serialize(writer, message, ClovaJson.Context.ClovaRequestMessage);
            }
        }

        writer.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter writer, ClovaRequest request)
    {
        // Matched by exact name, whatever comparer the caller's JsonObject uses: "TOPP" is another field than "topP".
        Dictionary<string, JsonNode?>? overrides = request.Overrides?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        HashSet<string>? written = overrides is null ? null : new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartObject();
        if (request.Messages is { } messages && !TryWriteOverride(writer, "messages", overrides, written))
        {
            writer.WritePropertyName("messages"u8);
            WriteMessages(writer, messages);
        }

        foreach (ClovaParameter row in ClovaParameters.All)
        {
            if (request.Values[row] is not { } value || row.Field(request.Dialect) is not { } field || TryWriteOverride(writer, field.Name, overrides, written))
            {
                continue;
            }

            writer.WritePropertyName(field.Name);
            WriteValue(writer, row, value);
        }

        if (request.Overrides is { } raw)
        {
            foreach (KeyValuePair<string, JsonNode?> pair in raw)
            {
                if (!written!.Contains(pair.Key))
                {
                    writer.WritePropertyName(pair.Key);
                    WriteNode(writer, pair.Value);
                }
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, ClovaParameter row, object value)
    {
        switch (row.Kind)
        {
            case ClovaValueKind.Number:
                writer.WriteNumberValue((double)value);
                break;
            case ClovaValueKind.Integer:
                writer.WriteNumberValue((long)value);
                break;
            case ClovaValueKind.Boolean:
                writer.WriteBooleanValue((bool)value);
                break;
            case ClovaValueKind.Text:
                writer.WriteStringValue((string)value);
                break;
            case ClovaValueKind.TextList:
                writer.WriteStartArray();
                foreach (string item in (List<string>)value)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            case ClovaValueKind.Effort:
                writer.WriteStartObject();
                writer.WriteString("effort"u8, (string)value);
                writer.WriteEndObject();
                break;
            default:
                JsonSerializer.Serialize(writer, value, row.JsonType!);
                break;
        }
    }

    private static bool TryWriteOverride(Utf8JsonWriter writer, string name, Dictionary<string, JsonNode?>? overrides, HashSet<string>? written)
    {
        if (overrides is null || !overrides.TryGetValue(name, out JsonNode? node))
        {
            return false;
        }

        writer.WritePropertyName(name);
        WriteNode(writer, node);
        written!.Add(name);
        return true;
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
