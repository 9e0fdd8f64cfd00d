using System.Globalization;
using Clova.Internal;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Chat;

/// <summary>
/// Turns Microsoft.Extensions.AI messages and options into a v1 chat request (HCX-003, HCX-DASH-001, tuned tasks).
/// v1 is text only: tools, structured outputs and images are refused with the reason; reasoning options are
/// ignored (best effort, no v1 model reasons).
/// </summary>
internal static class V1ChatRequestMapper
{
    public static ClovaV1ChatRequest ToClovaV1Request(IEnumerable<ChatMessage> messages, ChatOptions? options, ClovaModelInfo model)
    {
        List<ClovaRequestMessage> mapped = ChatRequestMapper.ToClovaMessages(messages, options?.Instructions);
        EnsureTextOnly(mapped, $"The v1 chat API ({model.Name})");
        var request = new ClovaV1ChatRequest { Messages = mapped };
        if (options is not null)
        {
            if (options.Tools is { Count: > 0 })
            {
                throw new ArgumentException($"The v1 chat API ({model.Name}) has no function calling; ChatOptions.Tools needs HCX-005, HCX-DASH-002 or HCX-007.", nameof(options));
            }

            if (options.ResponseFormat is ChatResponseFormatJson)
            {
                throw new ArgumentException($"The v1 chat API ({model.Name}) has no structured outputs; ChatOptions.ResponseFormat needs HCX-007.", nameof(options));
            }

            request.Temperature = ChatRequestMapper.ToClovaNumber(options.Temperature);
            request.TopP = ChatRequestMapper.ToClovaNumber(options.TopP);
            request.TopK = options.TopK;
            request.Seed = options.Seed;
            request.MaxTokens = options.MaxOutputTokens;
            if (options.StopSequences is { Count: > 0 } stop)
            {
                request.StopBefore = [.. stop];
            }

            ApplyAdditionalProperties(request, options.AdditionalProperties);
        }

        Validate(request, model);
        return request;
    }

    /// <summary>v1 (chat and its token calculator) takes plain text messages only.</summary>
    public static void EnsureTextOnly(List<ClovaRequestMessage> messages, string api)
    {
        foreach (ClovaRequestMessage message in messages)
        {
            if (message.Content.Parts is not null || message.ToolCalls is not null || message.Role == "tool")
            {
                throw new ArgumentException($"{api} takes text only: no images, tool calls or tool results. Use a v3 model such as HCX-005.", nameof(messages));
            }
        }
    }

    private static void ApplyAdditionalProperties(ClovaV1ChatRequest request, AdditionalPropertiesDictionary? properties)
    {
        if (properties is null)
        {
            return;
        }

        foreach (KeyValuePair<string, object?> pair in properties)
        {
            if (pair.Value is null)
            {
                continue;
            }

            switch (pair.Key)
            {
                case "repeatPenalty":
                    request.RepeatPenalty ??= ChatAdditionalProperties.ToDouble(pair.Key, pair.Value);
                    break;
                case "includeAiFilters":
                    request.IncludeAiFilters ??= ChatAdditionalProperties.ToBoolean(pair.Key, pair.Value);
                    break;
                case "temperature":
                    request.Temperature ??= ChatAdditionalProperties.ToDouble(pair.Key, pair.Value);
                    break;
                case "topP":
                    request.TopP ??= ChatAdditionalProperties.ToDouble(pair.Key, pair.Value);
                    break;
                case "topK":
                    request.TopK ??= (int)ChatAdditionalProperties.ToInteger(pair.Key, pair.Value, int.MaxValue);
                    break;
                case "maxTokens":
                    request.MaxTokens ??= (int)ChatAdditionalProperties.ToInteger(pair.Key, pair.Value, int.MaxValue);
                    break;
                case "seed":
                    request.Seed ??= ChatAdditionalProperties.ToInteger(pair.Key, pair.Value, long.MaxValue);
                    break;
                case "stopBefore":
                    request.StopBefore ??= ChatAdditionalProperties.ToStrings(pair.Key, pair.Value);
                    break;
                case "repetitionPenalty":
                    // Same idea, different name AND range: translating silently would change the meaning.
                    throw new ArgumentException("ChatOptions.AdditionalProperties[\"repetitionPenalty\"] is the v3 field (0 < x ≤ 2); the v1 API takes \"repeatPenalty\" (0 < x ≤ 10, default 5).", "options");
                case "thinking" or "maxCompletionTokens" or "stop":
                    throw new ArgumentException($"ChatOptions.AdditionalProperties[\"{pair.Key}\"] is a v3 field; the v1 chat API does not accept it.", "options");
            }
        }
    }

    private static void Validate(ClovaV1ChatRequest request, ClovaModelInfo model)
    {
        Range("temperature (ChatOptions.Temperature)", request.Temperature, 0, 1);
        Range("topP (ChatOptions.TopP)", request.TopP, 0, 1);
        Range("repeatPenalty (ChatOptions.AdditionalProperties[\"repeatPenalty\"])", request.RepeatPenalty, 0, 10);
        if (request.TopK is < 0 or > 128)
        {
            throw new ArgumentException($"topK (ChatOptions.TopK) must be between 0 and 128; got {request.TopK}.", "options");
        }

        if (request.Seed is < 0 or > uint.MaxValue)
        {
            throw new ArgumentException($"seed (ChatOptions.Seed) must be between 0 and 4294967295; got {request.Seed}.", "options");
        }

        if (request.MaxTokens is < 1 || request.MaxTokens > model.MaxOutputTokens)
        {
            throw new ArgumentException($"maxTokens (ChatOptions.MaxOutputTokens) must be between 1 and {model.MaxOutputTokens?.ToString(CultureInfo.InvariantCulture) ?? "the model's maximum"} for {model.Name}; got {request.MaxTokens}.", "options");
        }

        if (request.StopBefore is not null && request.StopBefore.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("stopBefore (ChatOptions.StopSequences) must not contain an empty string.", "options");
        }
    }

    /// <summary>v1 ranges exclude zero: 0 &lt; x ≤ max.</summary>
    private static void Range(string field, double? value, double min, double max)
    {
        if (value is double v && (double.IsNaN(v) || v <= min || v > max))
        {
            throw new ArgumentException($"{field} must be greater than {min} and at most {max} on the v1 API; got {v.ToString(CultureInfo.InvariantCulture)}.", "options");
        }
    }
}
