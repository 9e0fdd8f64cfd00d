using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Clova.Wire;

namespace Clova.Internal;

/// <summary>Reads CLOVA's <c>{"status":…,"result":…}</c> envelope: the one place a JSON answer becomes a result or an error.</summary>
internal static class ClovaEnvelopeReader
{
    /// <summary>
    /// Reads a JSON envelope; an error code inside a 200, an empty body or a missing result is an error. A
    /// <paramref name="fastReader"/>, when given, reads an object result instead of <paramref name="resultType"/>.
    /// </summary>
    public static async Task<TResult> ReadResultAsync<TResult>(HttpResponseMessage response, JsonTypeInfo<TResult> resultType, string requestId, CancellationToken cancellationToken, ClovaSecrets? secrets = null, int maxBytes = int.MaxValue - 1, ClovaSpanResultReader<TResult>? fastReader = null)
        where TResult : class
    {
        ClovaResponseEnvelope<TResult>? envelope;
        try
        {
            // A JSON answer is small: buffering it and parsing the bytes in one go beats the async stream reader.
            using PooledBody body = await ClovaBodyReader.ReadPooledAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
            if (body.Truncated)
            {
                throw ClovaErrors.Protocol($"the JSON body is larger than ClovaClientOptions.MaxStreamEventBytes ({maxBytes:N0} bytes)", requestId);
            }

            envelope = body.Length == 0 ? null : ReadEnvelope(body.Span, resultType, fastReader);
        }
        catch (JsonException e)
        {
            throw ClovaErrors.Protocol($"the body is not a CLOVA JSON envelope ({e.Message})", requestId, e);
        }

        if (envelope is null)
        {
            throw ClovaErrors.Protocol("the body is empty", requestId);
        }

        if (envelope.Status?.Code is { } code && code != ClovaStatus.OkCode)
        {
            throw ClovaErrors.FromStatus(ClovaErrors.StatusFromErrorCode(code) ?? response.StatusCode, envelope.Status, requestId, secrets: secrets);
        }

        return envelope.Result ?? throw ClovaErrors.Protocol("the envelope has no result", requestId);
    }

    /// <summary>
    /// Reads the envelope by hand around the generated readers, so the envelope level costs no serializer frames;
    /// the result itself goes through its (generated or hand-written) metadata.
    /// </summary>
    private static ClovaResponseEnvelope<TResult> ReadEnvelope<TResult>(ReadOnlySpan<byte> body, JsonTypeInfo<TResult> resultType, ClovaSpanResultReader<TResult>? fastReader)
        where TResult : class
    {
        var reader = new Utf8JsonReader(body);
        int offset = 0;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object, not {reader.TokenType}.");
        }

        var envelope = new ClovaResponseEnvelope<TResult>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isStatus = reader.ValueTextEquals("status"u8);
            bool isResult = !isStatus && reader.ValueTextEquals("result"u8);
            reader.Read();
            if (isStatus)
            {
                envelope.Status = JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ClovaStatus);
            }
            else if (isResult && fastReader is not null && reader.TokenType == JsonTokenType.StartObject)
            {
                JsonReaderState afterOpen = reader.CurrentState;
                envelope.Result = fastReader(body, offset + (int)reader.TokenStartIndex, out int close);
                // Resume at the result's '}' as if the reader had walked the object: the next Read gives its EndObject.
                offset = close;
                reader = new Utf8JsonReader(body[close..], isFinalBlock: true, afterOpen);
                reader.Read();
            }
            else if (isResult)
            {
                envelope.Result = JsonSerializer.Deserialize(ref reader, resultType);
            }
            else
            {
                reader.Skip();
            }
        }

        // Anything but whitespace after the closing brace (a second value, stray bytes) makes the reader throw.
        while (reader.Read())
        {
        }

        return envelope;
    }
}
