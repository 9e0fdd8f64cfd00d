using System.Runtime.CompilerServices;
using Clova.Internal;
using Clova.Requests;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Chat;

/// <summary>
/// <see cref="IChatClient"/> over CLOVA Studio chat completions (v3, or v1 for the legacy models and tasks). Holds no per-request state, so one instance
/// serves any number of concurrent calls; it never disposes the transport it shares with its <see cref="ClovaClient"/>.
/// </summary>
internal sealed class ClovaChatClient : IChatClient
{
    private readonly ClovaClient _owner;
    private readonly ClovaTransport _transport;
    private readonly ChatTarget _target;
    private readonly ChatClientMetadata _metadata;

    public ClovaChatClient(ClovaClient owner, ClovaTransport transport, ChatTarget target)
    {
        _owner = owner;
        _transport = transport;
        _target = target;
        _metadata = new ChatClientMetadata("clova", transport.Endpoint, target.Id);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        PreparedRequest prepared = Prepare(messages, options);
        ClovaChatResult result = await _transport.PostJsonAsync(prepared.ApiPath, prepared.Body, ClovaJson.Context.ClovaChatResult, prepared.RequestId, cancellationToken).ConfigureAwait(false);
        return ChatResponseMapper.FromClovaResult(result, prepared.RequestId, prepared.ModelId, prepared.IncludeReasoning);
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

    public override string ToString() =>
        $"ClovaChatClient {{ {(_target.IsTask ? "Task" : "Model")} = {_target.Id}, Api = {_target.Version}, Endpoint = {_transport.Endpoint} }}";

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(PreparedRequest prepared, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using CancellationTokenSource timeout = _transport.CreateTimeoutSource(cancellationToken);
        ClovaEventStream stream;
        try
        {
            stream = await _transport.SendWithRetryAsync(
                () => _transport.CreatePost(prepared.ApiPath, prepared.Body, prepared.RequestId, streaming: true),
                prepared.RequestId,
                (response, token) => ClovaEventStream.OpenAsync(response, _transport, prepared.RequestId, token),
                timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw _transport.TranslateCancellation(e, cancellationToken, prepared.RequestId);
        }

        await using (stream.ConfigureAwait(false))
        {
            if (stream.WholeResult is { } whole)
            {
                foreach (ChatResponseUpdate update in ChatResponseMapper.FromClovaResult(whole, prepared.RequestId, prepared.ModelId, prepared.IncludeReasoning).ToChatResponseUpdates())
                {
                    yield return update;
                }

                yield break;
            }

            var decoder = new ChatStreamDecoder(prepared.RequestId, prepared.ModelId, prepared.IncludeReasoning);
            ClovaStreamEvent item = stream.First;
            bool ended = false;
            while (true)
            {
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
                        ended = true;
                        break;
                }

                if (decoder.Completed || ended)
                {
                    break;
                }

                try
                {
                    if (!await stream.MoveNextAsync(prepared.RequestId).ConfigureAwait(false))
                    {
                        break;
                    }

                    item = stream.Current;
                }
                catch (OperationCanceledException e)
                {
                    throw _transport.TranslateCancellation(e, cancellationToken, prepared.RequestId);
                }
                catch (Exception e) when (e is IOException or HttpRequestException && e is not ClovaException)
                {
                    throw ClovaErrors.Protocol($"the connection broke mid-stream ({e.Message})", prepared.RequestId, e, Received(decoder));
                }
            }

            if (!decoder.Completed)
            {
                // No result event: complete if a token already carried the finish reason, else the stream was cut.
                yield return decoder.OnEndWithoutResult()
                    ?? throw ClovaErrors.Protocol(
                        ended ? "the stream signalled [DONE] before any result or finish reason" : "the stream ended before its result event (truncated)",
                        prepared.RequestId,
                        null,
                        Received(decoder));
            }
        }
    }

    private static int Received(ChatStreamDecoder decoder) => decoder.ContentCharacters + decoder.ReasoningCharacters;

    private PreparedRequest Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string id = string.IsNullOrWhiteSpace(options?.ModelId) ? _target.Id : options.ModelId;
        ClovaModelInfo model = _target.IsTask ? ClovaModelCatalog.ForTask(id) : ClovaModelCatalog.Get(id);
        ClovaDialect dialect = model.ChatDialect(_target.Version);
        object? raw = options?.RawRepresentationFactory?.Invoke(this);
        byte[] body = ClovaRequestWriter.ToUtf8(ClovaRequestBuilder.ForChat(messages, options, model, dialect, raw));
        ClovaApiVersion version = dialect == ClovaDialect.V1Chat ? ClovaApiVersion.V1 : ClovaApiVersion.V3;
        string path = _target.IsTask ? ClovaApiPaths.TaskChatCompletions(version, id) : ClovaApiPaths.ChatCompletions(version, id);
        bool includeReasoning = options?.Reasoning?.Output is not ReasoningOutput.None;
        return new PreparedRequest(ClovaTransport.NewRequestId(), id, path, body, includeReasoning);
    }

    private sealed record PreparedRequest(string RequestId, string ModelId, string ApiPath, byte[] Body, bool IncludeReasoning);
}
