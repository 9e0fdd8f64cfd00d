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

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(Prepare(messages, options, rentBody: true), cancellationToken);

    private async Task<ChatResponse> SendAsync(PreparedChatRequest prepared, CancellationToken cancellationToken)
    {
        ClovaChatResult result;
        using (prepared.Body)
        {
            result = await _transport.PostJsonAsync(prepared.ApiPath, prepared.Body, ClovaJson.Context.ClovaChatResult, prepared.RequestId, cancellationToken).ConfigureAwait(false);
        }

        ChatResponse response = ChatResponseMapper.FromClovaResult(result, prepared.RequestId, prepared.ModelId, prepared.IncludeReasoning);
        if (_target.IsRagReasoning && RagCitations.FromClovaAnswer(response.Text) is { Count: > 0 } cited)
        {
            (response.AdditionalProperties ??= [])[ClovaPropertyNames.CitedIds] = cited;
        }

        return response;
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Prepared eagerly so bad input throws at the call, before enumeration and before any request.
        // A plain array: the returned sequence may be enumerated more than once, each time sending the body again.
        PreparedChatRequest prepared = Prepare(messages, options, rentBody: false);
        return _target.IsRagReasoning
            ? StreamWholeResponseAsync(prepared, cancellationToken)
            : ChatStreamReader.ReadAsync(_transport, prepared, cancellationToken);
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
        _target.IsRagReasoning
            ? $"ClovaChatClient {{ RagReasoning, Endpoint = {_transport.Endpoint} }}"
            : $"ClovaChatClient {{ {(_target.IsTask ? "Task" : "Model")} = {_target.Id}, Api = {_target.Version}, Endpoint = {_transport.Endpoint} }}";

    /// <summary>RAG reasoning does not stream: the whole answer is delivered as the updates of one response.</summary>
    private async IAsyncEnumerable<ChatResponseUpdate> StreamWholeResponseAsync(PreparedChatRequest prepared, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The request prepared at the call is the one sent: the messages are enumerated and the factory run once.
        ChatResponse response = await SendAsync(prepared, cancellationToken).ConfigureAwait(false);
        foreach (ChatResponseUpdate update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    private PreparedChatRequest Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options, bool rentBody)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (_target.IsRagReasoning)
        {
            return PrepareRagReasoning(messages, options);
        }

        string id = string.IsNullOrWhiteSpace(options?.ModelId) ? _target.Id : options.ModelId;
        ClovaModelInfo model = _target.IsTask ? ClovaModelCatalog.ForTask(id) : ClovaModelCatalog.Get(id);
        ClovaDialect dialect = model.ChatDialect(_target.Version);
        object? raw = options?.RawRepresentationFactory?.Invoke(this);
        ClovaRequest request = ClovaRequestBuilder.ForChat(messages, options, model, dialect, raw);
        ClovaRequestBody body = rentBody ? ClovaRequestWriter.ToRentedBody(request) : ClovaRequestWriter.ToUtf8(request);
        ClovaApiVersion version = dialect == ClovaDialect.V1Chat ? ClovaApiVersion.V1 : ClovaApiVersion.V3;
        ClovaApiPath path = _target.IsTask ? ClovaApiPaths.TaskChatCompletions(version, id) : ClovaApiPaths.ChatCompletions(version, id);
        bool includeReasoning = options?.Reasoning?.Output is not ReasoningOutput.None;
        return new PreparedChatRequest(ClovaTransport.NewRequestId(), id, path, body, includeReasoning);
    }

    private PreparedChatRequest PrepareRagReasoning(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ClovaModelInfo model = ClovaModelCatalog.RagReasoning;
        if (!string.IsNullOrWhiteSpace(options?.ModelId) && options.ModelId != model.Name)
        {
            throw new ArgumentException($"ChatOptions.ModelId is '{options.ModelId}', but RAG reasoning runs one fixed model; leave ModelId unset.", nameof(options));
        }

        object? raw = options?.RawRepresentationFactory?.Invoke(this);
        byte[] body = ClovaRequestWriter.ToUtf8(ClovaRequestBuilder.ForChat(messages, options, model, ClovaDialect.RagReasoning, raw));
        return new PreparedChatRequest(ClovaTransport.NewRequestId(), model.Name, ClovaApiPaths.RagReasoning, body, options?.Reasoning?.Output is not ReasoningOutput.None);
    }
}
