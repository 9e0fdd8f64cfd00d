using System.Text;
using Clova.Internal;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Chat;

/// <summary>
/// Turns Microsoft.Extensions.AI messages and options into a CLOVA v3 request. Pure: no I/O, no state; every rule
/// that can be checked locally is checked here, before anything is sent.
/// </summary>
internal static class ChatRequestMapper
{
    public static ClovaChatRequest ToClovaRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, ClovaModelInfo model)
    {
        var request = new ClovaChatRequest { Messages = ToClovaMessages(messages, options?.Instructions) };
        if (options is not null)
        {
            ApplyChatOptions(request, options, model);
            ChatAdditionalProperties.Apply(request, options.AdditionalProperties);
        }

        ApplyStopPolicy(request, model);
        ChatRequestValidator.Validate(request, model);
        return request;
    }

    /// <summary>
    /// Maps the conversation. CLOVA allows ONE system message, so <see cref="ChatOptions.Instructions"/> and every
    /// system message, wherever it stands, are joined (blank line between) into one system message placed first.
    /// </summary>
    public static List<ClovaRequestMessage> ToClovaMessages(IEnumerable<ChatMessage> messages, string? instructions)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = new List<ClovaRequestMessage>();
        StringBuilder? system = null;
        if (!string.IsNullOrEmpty(instructions))
        {
            system = new StringBuilder(instructions);
        }

        int index = 0;
        foreach (ChatMessage message in messages)
        {
            if (message is null)
            {
                throw new ArgumentException($"Chat message {index} is null.", nameof(messages));
            }

            if (message.Role == ChatRole.System)
            {
                string text = ToClovaText(message, index);
                if (text.Length > 0)
                {
                    system = system is null ? new StringBuilder(text) : system.Append("\n\n").Append(text);
                }
            }
            else
            {
                result.Add(new ClovaRequestMessage { Role = ToClovaRole(message.Role, index), Content = new ClovaRequestContent(ToClovaText(message, index)) });
            }

            index++;
        }

        if (system is not null)
        {
            result.Insert(0, new ClovaRequestMessage { Role = "system", Content = new ClovaRequestContent(system.ToString()) });
        }

        if (result.Count == 0)
        {
            throw new ArgumentException("CLOVA Studio needs at least one message; the conversation is empty.", nameof(messages));
        }

        return result;
    }

    public static string ToClovaRole(ChatRole role, int index) =>
        role == ChatRole.User ? "user"
        : role == ChatRole.Assistant ? "assistant"
        : role == ChatRole.Tool ? "tool"
        : role == ChatRole.System ? "system"
        : throw new ArgumentException($"Chat message {index} has role '{role}', which CLOVA Studio does not have (system, user, assistant, tool).", "messages");

    /// <summary>
    /// The text CLOVA receives for one message. Reasoning is left out on purpose: CLOVA rejects
    /// <c>thinkingContent</c> on input and NAVER asks for the answer alone in multi-turn history.
    /// </summary>
    public static string ToClovaText(ChatMessage message, int index)
    {
        string? single = null;
        StringBuilder? many = null;
        foreach (AIContent content in message.Contents)
        {
            switch (content)
            {
                case TextContent text when !string.IsNullOrEmpty(text.Text):
                    if (single is null)
                    {
                        single = text.Text;
                    }
                    else
                    {
                        many ??= new StringBuilder(single);
                        many.Append(text.Text);
                    }

                    break;
                case TextContent or TextReasoningContent or UsageContent:
                    break;
                case DataContent or UriContent or FunctionCallContent or FunctionResultContent:
                    throw new NotSupportedException(
                        $"Chat message {index} holds {content.GetType().Name}, which this connector does not send yet; only text is supported.");
                default:
                    // Other providers' content (citations, annotations…) has no CLOVA form; skipping it keeps
                    // histories portable, as Microsoft.Extensions.AI.OpenAI does.
                    break;
            }
        }

        return many?.ToString() ?? single ?? "";
    }

    /// <summary>
    /// Widens a <see cref="float"/> option to the value the caller wrote: a plain cast turns 0.8f into
    /// 0.800000011920929 on the wire, while the decimal route keeps float's 7 significant digits, giving 0.8.
    /// </summary>
    public static double? ToClovaNumber(float? value) =>
        value is float f && float.IsFinite(f) && Math.Abs(f) < 1e15f ? (double)(decimal)f : value;

    public static string? ToClovaEffort(ReasoningEffort? effort) => effort switch
    {
        null => null,
        ReasoningEffort.None => "none",
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        // CLOVA's deepest level is "high"; ExtraHigh asks for at least that.
        ReasoningEffort.High or ReasoningEffort.ExtraHigh => "high",
        _ => throw new ArgumentException($"ChatOptions.Reasoning.Effort has the unknown value {effort}.", "options"),
    };

    private static void ApplyChatOptions(ClovaChatRequest request, ChatOptions options, ClovaModelInfo model)
    {
        request.Temperature = ToClovaNumber(options.Temperature);
        request.TopP = ToClovaNumber(options.TopP);
        request.TopK = options.TopK;
        request.Seed = options.Seed;
        if (options.StopSequences is { Count: > 0 } stop)
        {
            request.Stop = [.. stop];
        }

        if (options.MaxOutputTokens is int max)
        {
            if (model.UsesMaxCompletionTokens)
            {
                request.MaxCompletionTokens = max;
            }
            else
            {
                request.MaxTokens = max;
            }
        }

        // ReasoningOptions is best effort by contract: models without thinking simply ignore it.
        if (model.SupportsThinking && ToClovaEffort(options.Reasoning?.Effort) is { } effort)
        {
            request.Thinking = new ClovaThinking { Effort = effort };
        }
    }

    /// <summary>
    /// CLOVA rejects <c>stop</c> while thinking is on, and HCX-007 thinks by default. When the caller gave stop
    /// sequences without choosing an effort, thinking is turned off so the request can succeed; when the caller
    /// asked for reasoning explicitly, the validator refuses the combination instead of silently dropping either.
    /// </summary>
    private static void ApplyStopPolicy(ClovaChatRequest request, ClovaModelInfo model)
    {
        if (model.IsKnown && model.SupportsThinking && request.Stop is { Count: > 0 } && request.Thinking is null)
        {
            request.Thinking = new ClovaThinking { Effort = "none" };
        }
    }
}
