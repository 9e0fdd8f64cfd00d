using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace Clova.SemanticKernel;

/// <summary>
/// A native Semantic Kernel <see cref="IChatCompletionService"/> for CLOVA Studio, on top of the connector's
/// <see cref="IChatClient"/> (so the wire mapping exists once). Unlike SK's <c>AsChatCompletionService()</c> bridge it
/// keeps HCX-007's reasoning (<see cref="ReasoningContent"/>, <see cref="StreamingReasoningContent"/>, placed before
/// the answer) and the streaming finish reason. Function calling runs through SK's own kernel function-invocation
/// middleware, driven by <see cref="PromptExecutionSettings.FunctionChoiceBehavior"/>.
/// </summary>
public sealed class ClovaChatCompletionService : IChatCompletionService
{
    private readonly IChatClient _client;
    private readonly string _modelId;
    private readonly Dictionary<string, object?> _attributes;

    /// <summary>Initializes the service for a model.</summary>
    /// <param name="clova">The CLOVA client (credentials and transport).</param>
    /// <param name="modelId">The model, for example <c>HCX-007</c>.</param>
    /// <param name="loggerFactory">Logs SK's automatic function invocations; optional.</param>
    public ClovaChatCompletionService(ClovaClient clova, string modelId, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(clova);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        _modelId = modelId;
        _client = new ChatClientBuilder(clova.GetChatClient(modelId)).UseKernelFunctionInvocation(loggerFactory).Build();
        _attributes = new Dictionary<string, object?>
        {
            [AIServiceExtensions.ModelIdKey] = modelId,
            [AIServiceExtensions.EndpointKey] = clova.Endpoint.ToString(),
        };
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> Attributes => _attributes;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChatMessageContent>> GetChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatHistory);
        ChatOptions options = ClovaPromptExecutionSettings.FromExecutionSettings(executionSettings).ToChatOptions(kernel);
        ChatResponse response;
        try
        {
            response = await _client.GetResponseAsync(ToMessages(chatHistory), options, cancellationToken).ConfigureAwait(false);
        }
        catch (ClovaException e)
        {
            throw ClovaSemanticKernelErrors.ToHttpOperationException(e);
        }

        if (response.Messages.Count == 0)
        {
            return [];
        }

        // As SK's own services do: the tool-call rounds join the history, the last message is the answer.
        for (int i = 0; i < response.Messages.Count - 1; i++)
        {
            chatHistory.Add(ContentMapper.ToChatMessageContent(response.Messages[i], response, _modelId));
        }

        return [ContentMapper.ToChatMessageContent(response.Messages[^1], response, _modelId)];
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StreamingChatMessageContent> GetStreamingChatMessageContentsAsync(
        ChatHistory chatHistory,
        PromptExecutionSettings? executionSettings = null,
        Kernel? kernel = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatHistory);
        ChatOptions options = ClovaPromptExecutionSettings.FromExecutionSettings(executionSettings).ToChatOptions(kernel);
        IAsyncEnumerator<ChatResponseUpdate> updates = _client.GetStreamingResponseAsync(ToMessages(chatHistory), options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using ConfiguredAsyncDisposable disposeUpdates = updates.ConfigureAwait(false);
        while (true)
        {
            // Moved by hand so a ClovaException becomes SK's HttpOperationException (no catch may hold a yield).
            try
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (ClovaException e)
            {
                throw ClovaSemanticKernelErrors.ToHttpOperationException(e);
            }

            ChatResponseUpdate update = updates.Current;
            // Tool calls and their results become messages of their own in the history, as in SK's services.
            foreach (AIContent content in update.Contents)
            {
                if (content is Microsoft.Extensions.AI.FunctionCallContent or Microsoft.Extensions.AI.FunctionResultContent)
                {
                    ChatRole role = content is Microsoft.Extensions.AI.FunctionCallContent ? ChatRole.Assistant : ChatRole.Tool;
                    chatHistory.Add(ContentMapper.ToChatMessageContent(new ChatMessage(role, [content]), new ChatResponse(), _modelId));
                }
            }

            yield return ContentMapper.ToStreamingContent(update, _modelId);
        }
    }

    private static List<ChatMessage> ToMessages(ChatHistory history)
    {
        var messages = new List<ChatMessage>(history.Count);
        foreach (ChatMessageContent content in history)
        {
            messages.Add(content.ToChatMessage());
        }

        return messages;
    }
}
