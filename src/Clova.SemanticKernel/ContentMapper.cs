using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using MeaiFunctionCall = Microsoft.Extensions.AI.FunctionCallContent;
using MeaiFunctionResult = Microsoft.Extensions.AI.FunctionResultContent;
using MeaiText = Microsoft.Extensions.AI.TextContent;
using SkFunctionCall = Microsoft.SemanticKernel.FunctionCallContent;
using SkFunctionResult = Microsoft.SemanticKernel.FunctionResultContent;
using SkText = Microsoft.SemanticKernel.TextContent;

namespace Clova.SemanticKernel;

/// <summary>
/// Maps Microsoft.Extensions.AI results to Semantic Kernel contents. Written here rather than borrowed because SK's
/// own mapping (behind <c>AsChatCompletionService</c>) drops reasoning and the streaming finish reason.
/// </summary>
internal static class ContentMapper
{
    public static ChatMessageContent ToChatMessageContent(ChatMessage message, ChatResponse response, string modelId)
    {
        var content = new ChatMessageContent(ToAuthorRole(message.Role), items: [], modelId: response.ModelId ?? modelId, innerContent: message.RawRepresentation ?? response.RawRepresentation, metadata: ToMetadata(response.ResponseId, response.FinishReason, response.Usage, message.AdditionalProperties ?? response.AdditionalProperties))
        {
            AuthorName = message.AuthorName,
        };

        foreach (AIContent item in message.Contents)
        {
            KernelContent? mapped = item switch
            {
                TextReasoningContent reasoning => new ReasoningContent(reasoning.Text) { ModelId = content.ModelId, InnerContent = reasoning },
                MeaiText text => new SkText(text.Text, content.ModelId, innerContent: text),
                MeaiFunctionCall call => new SkFunctionCall(call.Name, id: call.CallId, arguments: call.Arguments is null ? null : new KernelArguments(call.Arguments)) { InnerContent = call },
                MeaiFunctionResult result => new SkFunctionResult(callId: result.CallId, result: result.Result) { InnerContent = result },
                _ => null,
            };
            if (mapped is not null)
            {
                content.Items.Add(mapped);
            }
        }

        return content;
    }

    public static StreamingChatMessageContent ToStreamingContent(ChatResponseUpdate update, string modelId)
    {
        var content = new StreamingChatMessageContent(update.Role is { } role ? ToAuthorRole(role) : AuthorRole.Assistant, null, update.RawRepresentation, modelId: update.ModelId ?? modelId, metadata: ToMetadata(update.ResponseId, update.FinishReason, null, update.AdditionalProperties))
        {
            AuthorName = update.AuthorName,
        };

        foreach (AIContent item in update.Contents)
        {
            switch (item)
            {
                case TextReasoningContent reasoning:
                    content.Items.Add(new StreamingReasoningContent(reasoning.Text) { ModelId = content.ModelId, InnerContent = reasoning });
                    break;
                case MeaiText text:
                    content.Items.Add(new StreamingTextContent(text.Text, modelId: content.ModelId, innerContent: text));
                    break;
                case UsageContent usage:
                    var metadata = new Dictionary<string, object?>(content.Metadata ?? new Dictionary<string, object?>()) { [ClovaMetadataKeys.Usage] = usage.Details };
                    content.Metadata = metadata;
                    break;
            }
        }

        return content;
    }

    public static AuthorRole ToAuthorRole(ChatRole role) =>
        role == ChatRole.Assistant ? AuthorRole.Assistant
        : role == ChatRole.User ? AuthorRole.User
        : role == ChatRole.System ? AuthorRole.System
        : role == ChatRole.Tool ? AuthorRole.Tool
        : new AuthorRole(role.Value);

    private static Dictionary<string, object?>? ToMetadata(string? requestId, ChatFinishReason? finishReason, UsageDetails? usage, AdditionalPropertiesDictionary? extras)
    {
        if (requestId is null && finishReason is null && usage is null && extras is null)
        {
            return null;
        }

        var metadata = new Dictionary<string, object?>();
        if (requestId is not null)
        {
            metadata[ClovaMetadataKeys.RequestId] = requestId;
        }

        if (finishReason is { } reason)
        {
            metadata[ClovaMetadataKeys.FinishReason] = reason.Value;
        }

        if (usage is not null)
        {
            metadata[ClovaMetadataKeys.Usage] = usage;
        }

        if (extras?.TryGetValue(ClovaPropertyNames.AiFilter, out object? filters) == true)
        {
            metadata[ClovaMetadataKeys.AiFilter] = filters;
        }

        if (extras?.TryGetValue(ClovaPropertyNames.Seed, out object? seed) == true)
        {
            metadata[ClovaMetadataKeys.Seed] = seed;
        }

        return metadata;
    }
}
