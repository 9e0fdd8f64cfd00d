using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clova.Internal;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Chat;

/// <summary>
/// <see cref="IChatClient"/> over CLOVA Studio v3 chat completions. Holds no per-request state, so one instance
/// serves any number of concurrent calls; it never disposes the transport it shares with its <see cref="ClovaClient"/>.
/// </summary>
internal sealed class ClovaChatClient : IChatClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new(ClovaHeaders.Json) { CharSet = "utf-8" };
    private static readonly JsonWriterOptions RelaxedWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ClovaClient _owner;
    private readonly ClovaTransport _transport;
    private readonly string _defaultModelId;
    private readonly ChatClientMetadata _metadata;

    public ClovaChatClient(ClovaClient owner, ClovaTransport transport, string modelId)
    {
        _owner = owner;
        _transport = transport;
        _defaultModelId = modelId;
        _metadata = new ChatClientMetadata("clova", transport.Endpoint, modelId);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        PreparedRequest prepared = Prepare(messages, options);
        using CancellationTokenSource timeout = _transport.CreateTimeoutSource(cancellationToken);
        try
        {
            using HttpRequestMessage request = _transport.CreatePost(prepared.ApiPath, prepared.Content, prepared.RequestId, streaming: false);
            using HttpResponseMessage response = await _transport.SendAsync(request, prepared.RequestId, timeout.Token).ConfigureAwait(false);
            ClovaChatResult result = await ReadJsonResultAsync(response, prepared.RequestId, timeout.Token).ConfigureAwait(false);
            return ChatResponseMapper.FromClovaResult(result, prepared.RequestId, prepared.ModelId, prepared.IncludeReasoning);
        }
        catch (OperationCanceledException e)
        {
            throw _transport.TranslateCancellation(e, cancellationToken, prepared.RequestId);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Prepared eagerly so bad input throws at the call, before enumeration and before any request.
        PreparedRequest prepared = Prepare(messages, options);
        return StreamAsync(prepared, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ClovaClient) ? _owner
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The transport belongs to the ClovaClient, which may serve other chat clients.
    }

    public override string ToString() => $"ClovaChatClient {{ Model = {_defaultModelId}, Endpoint = {_transport.Endpoint} }}";

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(PreparedRequest prepared, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using CancellationTokenSource timeout = _transport.CreateTimeoutSource(cancellationToken);
        HttpResponseMessage response;
        try
        {
            using HttpRequestMessage request = _transport.CreatePost(prepared.ApiPath, prepared.Content, prepared.RequestId, streaming: true);
            response = await _transport.SendAsync(request, prepared.RequestId, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw _transport.TranslateCancellation(e, cancellationToken, prepared.RequestId);
        }

        using (response)
        {
            if (!IsEventStream(response))
            {
                // Some gateways answer a streaming request with a plain JSON envelope (errors, or a whole reply).
                ChatResponse whole;
                try
                {
                    ClovaChatResult result = await ReadJsonResultAsync(response, prepared.RequestId, timeout.Token).ConfigureAwait(false);
                    whole = ChatResponseMapper.FromClovaResult(result, prepared.RequestId, prepared.ModelId, prepared.IncludeReasoning);
                }
                catch (OperationCanceledException e)
                {
                    throw _transport.TranslateCancellation(e, cancellationToken, prepared.RequestId);
                }

                foreach (ChatResponseUpdate update in whole.ToChatResponseUpdates())
                {
                    yield return update;
                }

                yield break;
            }

            var decoder = new ChatStreamDecoder(prepared.RequestId, prepared.ModelId, prepared.IncludeReasoning);
            Stream body;
            try
            {
                body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e)
            {
                throw _transport.TranslateCancellation(e, cancellationToken, prepared.RequestId);
            }

            IAsyncEnumerator<SseItem<ClovaStreamEvent>> events = SseParser.Create(body, ClovaStreamEvent.Parse).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            await using (events.ConfigureAwait(false))
            {
                while (!decoder.Completed)
                {
                    ClovaStreamEvent item;
                    try
                    {
                        if (!await events.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }

                        item = events.Current.Data;
                    }
                    catch (OperationCanceledException e)
                    {
                        throw _transport.TranslateCancellation(e, cancellationToken, prepared.RequestId);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException)
                    {
                        throw ClovaErrors.Protocol($"the connection broke mid-stream ({e.Message})", prepared.RequestId, e, Received(decoder));
                    }

                    switch (item.Kind)
                    {
                        case ClovaStreamEventKind.Token:
                            if (decoder.OnToken(item.Result!) is { } delta)
                            {
                                yield return delta;
                            }

                            break;
                        case ClovaStreamEventKind.Result:
                            yield return decoder.OnResult(item.Result!);
                            break;
                        case ClovaStreamEventKind.Error:
                            throw ClovaErrors.FromStatus(null, item.Status, prepared.RequestId, Received(decoder));
                        case ClovaStreamEventKind.Invalid:
                            throw ClovaErrors.Protocol($"the '{item.EventType}' event is not valid JSON of the expected shape ({item.Error!.Message})", prepared.RequestId, item.Error, Received(decoder));
                        case ClovaStreamEventKind.Done:
                            if (decoder.OnEndWithoutResult() is { } last)
                            {
                                yield return last;
                            }

                            if (!decoder.Completed)
                            {
                                throw ClovaErrors.Protocol("the stream signalled [DONE] before any result or finish reason", prepared.RequestId, null, Received(decoder));
                            }

                            break;
                    }
                }

                if (!decoder.Completed)
                {
                    if (decoder.OnEndWithoutResult() is { } final)
                    {
                        yield return final;
                    }
                    else
                    {
                        throw ClovaErrors.Protocol("the stream ended before its result event (truncated)", prepared.RequestId, null, Received(decoder));
                    }
                }
            }
        }
    }

    private static int Received(ChatStreamDecoder decoder) => decoder.ContentCharacters + decoder.ReasoningCharacters;

    private static bool IsEventStream(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is not { } mediaType
        || mediaType.Equals(ClovaHeaders.EventStream, StringComparison.OrdinalIgnoreCase);

    private static async Task<ClovaChatResult> ReadJsonResultAsync(HttpResponseMessage response, string requestId, CancellationToken cancellationToken)
    {
        ClovaResponseEnvelope<ClovaChatResult>? envelope;
        try
        {
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            envelope = await JsonSerializer.DeserializeAsync(body, ClovaJson.Context.ClovaResponseEnvelopeClovaChatResult, cancellationToken).ConfigureAwait(false);
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
            throw ClovaErrors.FromStatus(ClovaErrors.StatusFromErrorCode(code) ?? response.StatusCode, envelope.Status, requestId);
        }

        return envelope.Result ?? throw ClovaErrors.Protocol("the envelope has no result", requestId);
    }

    private PreparedRequest Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string modelId = string.IsNullOrWhiteSpace(options?.ModelId) ? _defaultModelId : options.ModelId;
        ClovaModelInfo model = ClovaModelCatalog.Get(modelId);
        ClovaChatRequest request = ChatRequestMapper.ToClovaRequest(messages, options, model);
        byte[] body = Serialize(request, options?.RawRepresentationFactory?.Invoke(this));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
        bool includeReasoning = options?.Reasoning?.Output is not ReasoningOutput.None;
        return new PreparedRequest(ClovaTransport.NewRequestId(), modelId, "v3/chat-completions/" + Uri.EscapeDataString(modelId), content, includeReasoning);
    }

    /// <summary>
    /// Serializes the request. A <see cref="ChatOptions.RawRepresentationFactory"/> must return a
    /// <see cref="JsonObject"/> of CLOVA request fields; each field it sets replaces the mapped one (values set
    /// there win, as in Microsoft.Extensions.AI.OpenAI).
    /// </summary>
    private static byte[] Serialize(ClovaChatRequest request, object? raw)
    {
        switch (raw)
        {
            case null:
                return JsonSerializer.SerializeToUtf8Bytes(request, ClovaJson.Context.ClovaChatRequest);
            case JsonObject overrides:
                var merged = (JsonObject)JsonSerializer.SerializeToNode(request, ClovaJson.Context.ClovaChatRequest)!;
                foreach (KeyValuePair<string, JsonNode?> field in overrides)
                {
                    merged[field.Key] = field.Value?.DeepClone();
                }

                using (var buffer = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(buffer, RelaxedWriter))
                    {
                        merged.WriteTo(writer);
                    }

                    return buffer.ToArray();
                }

            default:
                throw new ArgumentException(
                    $"ChatOptions.RawRepresentationFactory must return a System.Text.Json.Nodes.JsonObject of CLOVA request fields (or null), not {raw.GetType().FullName}.",
                    "options");
        }
    }

    private sealed record PreparedRequest(string RequestId, string ModelId, string ApiPath, HttpContent Content, bool IncludeReasoning);
}
