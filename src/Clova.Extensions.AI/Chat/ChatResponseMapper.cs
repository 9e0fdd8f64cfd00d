using System.Text.Json;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Chat;

/// <summary>Turns CLOVA results into Microsoft.Extensions.AI values. Pure functions, shared by the JSON and SSE paths.</summary>
internal static class ChatResponseMapper
{
    // Unix seconds reach 10^12 only in the year 33658; anything larger is milliseconds.
    private const long MillisecondThreshold = 1_000_000_000_000;

    // DateTimeOffset.MaxValue (9999-12-31T23:59:59Z) as Unix time.
    private const long MaxUnixSeconds = 253_402_300_799;
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    public static ChatResponse FromClovaResult(ClovaChatResult result, string requestId, string modelId, bool includeReasoning)
    {
        // Seed and filters go on the response and on its message: ToChatResponseAsync puts streamed extras on the
        // message, so callers find them in the same place whether they streamed or not.
        var message = new ChatMessage(ChatRole.Assistant, FromClovaMessageContents(result.Message, includeReasoning))
        {
            MessageId = requestId,
            RawRepresentation = result.Message,
            AdditionalProperties = FromClovaExtras(result.Seed, result.AiFilter, result.StopReason),
        };

        return new ChatResponse(message)
        {
            ResponseId = requestId,
            ModelId = modelId,
            CreatedAt = FromClovaCreated(result.Created),
            FinishReason = FromClovaFinishReason(result.FinishReason ?? result.StopReason),
            Usage = FromClovaUsage(UsageOf(result)),
            AdditionalProperties = FromClovaExtras(result.Seed, result.AiFilter, result.StopReason),
            RawRepresentation = result,
        };
    }

    /// <summary>Reasoning first, then the answer, as the model produced them.</summary>
    public static List<AIContent> FromClovaMessageContents(ClovaResponseMessage? message, bool includeReasoning)
    {
        var contents = new List<AIContent>(2);
        if (includeReasoning && !string.IsNullOrEmpty(message?.ThinkingContent))
        {
            contents.Add(new TextReasoningContent(message.ThinkingContent));
        }

        if (!string.IsNullOrEmpty(message?.Content))
        {
            contents.Add(new TextContent(message.Content));
        }

        if (message?.ToolCalls is { } calls)
        {
            foreach (ClovaToolCall call in calls)
            {
                contents.Add(FromClovaToolCall(call));
            }
        }

        return contents;
    }

    /// <summary>
    /// A complete tool call. The provider's id is kept as it is (never invented). <c>arguments</c> is normally a
    /// JSON object; a JSON string holding an object is accepted too. Anything else, or malformed JSON, leaves the
    /// call in the response with <see cref="FunctionCallContent.Exception"/> set, so one bad call does not fail the
    /// whole reply.
    /// </summary>
    public static FunctionCallContent FromClovaToolCall(ClovaToolCall call) =>
        FromClovaToolCall(call.Id ?? "", call.Function?.Name ?? "", call.Function?.Arguments);

    public static FunctionCallContent FromClovaToolCall(string id, string name, JsonElement? arguments) => arguments switch
    {
        null or { ValueKind: JsonValueKind.Undefined or JsonValueKind.Null } => new FunctionCallContent(id, name, new Dictionary<string, object?>()),
        { ValueKind: JsonValueKind.String } text => FromClovaToolCall(id, name, text.GetString() ?? ""),
        { } element => FunctionCallContent.CreateFromParsedArguments(element, id, name, ParseArguments),
    };

    /// <summary>A call whose arguments arrived as JSON text (streamed <c>partialJson</c> fragments joined).</summary>
    public static FunctionCallContent FromClovaToolCall(string id, string name, string argumentsJson) =>
        FunctionCallContent.CreateFromParsedArguments(argumentsJson, id, name, static json =>
        {
            using JsonDocument document = JsonDocument.Parse(json.Length == 0 ? "{}" : json);
            return ParseArguments(document.RootElement);
        });

    private static Dictionary<string, object?> ParseArguments(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? JsonSerializer.Deserialize(element, ClovaJson.Context.DictionaryStringObject)!
            : throw new JsonException($"Tool-call arguments must be a JSON object, not {element.ValueKind}.");

    public static ChatFinishReason? FromClovaFinishReason(string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return null;
        }

        // v1's end_token (the model ended its turn) and stop_before (a stopBefore string was met) are both a
        // natural stop; the raw value stays in AdditionalProperties["stopReason"].
        if (string.Equals(reason, "stop", StringComparison.OrdinalIgnoreCase)
            || string.Equals(reason, "end_token", StringComparison.OrdinalIgnoreCase)
            || string.Equals(reason, "stop_before", StringComparison.OrdinalIgnoreCase))
        {
            return ChatFinishReason.Stop;
        }

        if (string.Equals(reason, "length", StringComparison.OrdinalIgnoreCase))
        {
            return ChatFinishReason.Length;
        }

        if (string.Equals(reason, "tool_calls", StringComparison.OrdinalIgnoreCase))
        {
            return ChatFinishReason.ToolCalls;
        }

        return new ChatFinishReason(reason);
    }

    /// <summary>v3 <c>usage</c>, or v1's <c>inputLength</c>/<c>outputLength</c> (their total is their sum).</summary>
    public static ClovaUsage? UsageOf(ClovaChatResult? result) =>
        result is null ? null
        : result.Usage is { } usage ? usage
        : result.InputLength is null && result.OutputLength is null ? null
        : new ClovaUsage
        {
            PromptTokens = result.InputLength,
            CompletionTokens = result.OutputLength,
            TotalTokens = result.InputLength + result.OutputLength,
        };

    public static UsageDetails? FromClovaUsage(ClovaUsage? usage) =>
        usage is null
            ? null
            : new UsageDetails
            {
                InputTokenCount = usage.PromptTokens,
                OutputTokenCount = usage.CompletionTokens,
                TotalTokenCount = usage.TotalTokens,
                ReasoningTokenCount = usage.CompletionTokensDetails?.ThinkingTokens,
            };

    /// <summary>
    /// <c>created</c> in seconds or milliseconds; a value no date can have (past the year 9999) leaves
    /// <c>CreatedAt</c> unset rather than failing the reply over a timestamp.
    /// </summary>
    public static DateTimeOffset? FromClovaCreated(long? created) => created switch
    {
        null or <= 0 => null,
        >= MillisecondThreshold and <= MaxUnixMilliseconds => DateTimeOffset.FromUnixTimeMilliseconds(created.Value),
        < MillisecondThreshold and <= MaxUnixSeconds => DateTimeOffset.FromUnixTimeSeconds(created.Value),
        _ => null,
    };

    public static IReadOnlyList<ClovaAiFilterResult>? FromClovaAiFilters(List<ClovaAiFilter>? filters)
    {
        if (filters is null)
        {
            return null;
        }

        var results = new ClovaAiFilterResult[filters.Count];
        for (int i = 0; i < results.Length; i++)
        {
            ClovaAiFilter f = filters[i];
            results[i] = new ClovaAiFilterResult(f.GroupName, f.Name, f.Score, f.Result);
        }

        return results;
    }

    public static AdditionalPropertiesDictionary? FromClovaExtras(long? seed, List<ClovaAiFilter>? filters, string? stopReason = null)
    {
        if (seed is null && filters is null && stopReason is null)
        {
            return null;
        }

        var extras = new AdditionalPropertiesDictionary();
        if (seed is { } s)
        {
            extras[ClovaPropertyNames.Seed] = s;
        }

        if (FromClovaAiFilters(filters) is { } results)
        {
            extras[ClovaPropertyNames.AiFilter] = results;
        }

        if (stopReason is not null)
        {
            extras[ClovaPropertyNames.StopReason] = stopReason;
        }

        return extras;
    }
}
