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
        PreparedChatRequest prepared = Prepare(messages, options);
        ClovaChatResult result = await _transport.PostJsonAsync(prepared.ApiPath, prepared.Body, ClovaJson.Context.ClovaChatResult, prepared.RequestId, cancellationToken).ConfigureAwait(false);
        return ChatResponseMapper.FromClovaResult(result, prepared.RequestId, prepared.ModelId, prepared.IncludeReasoning);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Prepared eagerly so bad input throws at the call, before enumeration and before any request.
        PreparedChatRequest prepared = Prepare(messages, options);
        return ChatStreamReader.ReadAsync(_transport, prepared, cancellationToken);
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

    private PreparedChatRequest Prepare(IEnumerable<ChatMessage> messages, ChatOptions? options)
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
        return new PreparedChatRequest(ClovaTransport.NewRequestId(), id, path, body, includeReasoning);
    }

}
