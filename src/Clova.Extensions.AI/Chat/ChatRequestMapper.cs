using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
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
    /// <summary>CLOVA refuses an output limit below this when tools are sent.</summary>
    public const int MinOutputTokensWithTools = 1024;

    /// <summary>CLOVA's per-image size limit.</summary>
    public const int MaxImageBytes = 20 * 1024 * 1024;

    private static readonly HashSet<string> ImageMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/bmp", "image/png", "image/jpeg", "image/jpg", "image/webp",
    };

    // Tool definitions are re-sent on every round of a function-calling loop; clean each schema once.
    private static readonly ConditionalWeakTable<AIFunctionDeclaration, ClovaTool> ToolCache = [];

    public static ClovaChatRequest ToClovaRequest(IEnumerable<ChatMessage> messages, ChatOptions? options, ClovaModelInfo model)
    {
        var request = new ClovaChatRequest { Messages = ToClovaMessages(messages, options?.Instructions) };
        if (options is not null)
        {
            ApplyChatOptions(request, options, model);
            ChatAdditionalProperties.Apply(request, options.AdditionalProperties);
        }

        ApplyThinkingPolicy(request, model, explicitEffort: request.Thinking is not null);
        ChatRequestValidator.Validate(request, model);
        return request;
    }

    /// <summary>
    /// Maps the conversation. CLOVA allows ONE system message, so <see cref="ChatOptions.Instructions"/> and every
    /// system message, wherever it stands, are joined (blank line between) into one system message placed first.
    /// A message holding several function results becomes one <c>tool</c> message per result, as CLOVA expects.
    /// </summary>
    /// <param name="messages">The conversation.</param>
    /// <param name="instructions">Extra system text placed before every system message.</param>
    /// <param name="sources">When given, receives for each CLOVA message the index of the input message it came
    /// from (-1 for the merged system message), so counts can be attributed back.</param>
    public static List<ClovaRequestMessage> ToClovaMessages(IEnumerable<ChatMessage> messages, string? instructions, List<int>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var result = new List<ClovaRequestMessage>();
        StringBuilder? system = string.IsNullOrEmpty(instructions) ? null : new StringBuilder(instructions);
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
                int before = result.Count;
                AddClovaMessages(result, message, index);
                for (int i = before; i < result.Count; i++)
                {
                    sources?.Add(index);
                }
            }

            index++;
        }

        if (system is not null)
        {
            result.Insert(0, new ClovaRequestMessage { Role = "system", Content = new ClovaRequestContent(system.ToString()) });
            sources?.Insert(0, -1);
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
            if (content is TextContent { Text.Length: > 0 } text)
            {
                if (single is null)
                {
                    single = text.Text;
                }
                else
                {
                    many ??= new StringBuilder(single);
                    many.Append(text.Text);
                }
            }
        }

        return many?.ToString() ?? single ?? "";
    }

    /// <summary>An image as a content part: inline bytes as <c>dataUri</c>, an address as <c>imageUrl</c>.</summary>
    public static ClovaContentPart ToClovaImagePart(AIContent content, int index)
    {
        string mediaType = MediaTypeOf(content);
        if (!ImageMediaTypes.Contains(mediaType))
        {
            throw new NotSupportedException(
                $"Chat message {index} holds {content.GetType().Name} of media type '{mediaType}'; CLOVA accepts only BMP, PNG, JPEG and WEBP images.");
        }

        if (content is DataContent data)
        {
            if (data.Data.Length is 0 or > MaxImageBytes)
            {
                throw new ArgumentException($"Chat message {index} holds an image of {data.Data.Length:N0} bytes; CLOVA accepts images larger than 0 and at most 20 MB.", "messages");
            }

            return new ClovaContentPart { Type = ClovaContentPart.ImageType, DataUri = new ClovaDataUri { Data = Convert.ToBase64String(data.Data.Span) } };
        }

        return new ClovaContentPart { Type = ClovaContentPart.ImageType, ImageUrl = new ClovaImageUrl { Url = ((UriContent)content).Uri.AbsoluteUri } };
    }

    /// <summary>A call the assistant made, with <c>arguments</c> as a JSON object (CLOVA rejects a string).</summary>
    public static ClovaToolCall ToClovaToolCall(FunctionCallContent call) => new()
    {
        Id = call.CallId,
        Type = "function",
        Function = new ClovaFunctionCall
        {
            Name = call.Name,
            Arguments = JsonSerializer.SerializeToElement(
                call.Arguments ?? new Dictionary<string, object?>(),
                ClovaJson.CallerValues.GetTypeInfo(typeof(IDictionary<string, object?>))),
        },
    };

    /// <summary>A function result as the string CLOVA wants: strings as they are, anything else as JSON.</summary>
    public static string ToClovaToolResult(FunctionResultContent result) => result.Result switch
    {
        null => result.Exception is { } e ? $"Error: {e.Message}" : "",
        string s => s,
        // Re-written, not GetRawText(): AIFunction results arrive as elements serialized with indentation.
        JsonElement e => e.ValueKind == JsonValueKind.String ? e.GetString()! : JsonSerializer.Serialize(e, ClovaJson.Context.JsonElement),
        object value => JsonSerializer.Serialize(value, ClovaJson.CallerValues.GetTypeInfo(value.GetType())),
    };

    public static ClovaTool ToClovaTool(AIFunctionDeclaration function) =>
        ToolCache.GetValue(function, static f => new ClovaTool
        {
            Function = new ClovaFunctionDefinition
            {
                Name = f.Name,
                Description = string.IsNullOrEmpty(f.Description) ? null : f.Description,
                Parameters = ClovaSchema.ToClovaToolSchema(f.JsonSchema),
            },
        });

    /// <summary>
    /// Maps <see cref="ChatToolMode"/>. CLOVA has no "any tool" choice: RequireAny with exactly one tool forces that
    /// tool; with several it is refused, because forcing an arbitrary one would be a silent guess.
    /// </summary>
    public static ClovaToolChoice? ToClovaToolChoice(ChatToolMode? mode, IReadOnlyList<ClovaTool> tools) => mode switch
    {
        null => null,
        NoneChatToolMode => ClovaToolChoice.None,
        AutoChatToolMode => ClovaToolChoice.Auto,
        RequiredChatToolMode { RequiredFunctionName: { } name } => ClovaToolChoice.Force(name),
        RequiredChatToolMode when tools.Count == 1 => ClovaToolChoice.Force(tools[0].Function.Name),
        RequiredChatToolMode => throw new ArgumentException(
            $"ChatOptions.ToolMode RequireAny has no CLOVA equivalent (toolChoice is auto, none or one named function) and {tools.Count} tools were given. Use ChatToolMode.RequireSpecific(name), or pass a single tool.",
            "options"),
        _ => throw new ArgumentException($"ChatOptions.ToolMode {mode.GetType().Name} is not supported by CLOVA Studio.", "options"),
    };

    public static ClovaResponseFormat? ToClovaResponseFormat(ChatResponseFormat? format) => format switch
    {
        null or ChatResponseFormatText => null,
        ChatResponseFormatJson { Schema: { } schema } => new ClovaResponseFormat { Schema = ClovaSchema.ToClovaResponseSchema(schema) },
        ChatResponseFormatJson => throw new ArgumentException(
            "ChatOptions.ResponseFormat is JSON without a schema, and CLOVA structured outputs require one (responseFormat {type: json, schema}). Use ChatResponseFormat.ForJsonSchema<T>() or ForJsonSchema(schema), or ask for JSON in the prompt with ChatResponseFormat.Text.",
            "options"),
        _ => throw new ArgumentException($"ChatOptions.ResponseFormat {format.GetType().Name} is not supported by CLOVA Studio.", "options"),
    };

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

    private static void AddClovaMessages(List<ClovaRequestMessage> result, ChatMessage message, int index)
    {
        string role = ToClovaRole(message.Role, index);
        List<ClovaContentPart>? images = null;
        List<ClovaToolCall>? calls = null;
        int results = 0;
        foreach (AIContent content in message.Contents)
        {
            switch (content)
            {
                case DataContent or UriContent:
                    (images ??= []).Add(ToClovaImagePart(content, index));
                    break;
                case FunctionCallContent call:
                    (calls ??= []).Add(ToClovaToolCall(call));
                    break;
                case FunctionResultContent functionResult:
                    result.Add(new ClovaRequestMessage { Role = "tool", ToolCallId = functionResult.CallId, Content = new ClovaRequestContent(ToClovaToolResult(functionResult)) });
                    results++;
                    break;
            }

            // Text and reasoning are gathered by ToClovaText; other providers' content (citations, annotations…)
            // has no CLOVA form and is skipped, keeping histories portable as Microsoft.Extensions.AI.OpenAI does.
        }

        string text = ToClovaText(message, index);
        if (results > 0)
        {
            if (calls is not null || images is not null || text.Length > 0)
            {
                throw new ArgumentException($"Chat message {index} mixes function results with other content; CLOVA sends each result as its own tool message.", "messages");
            }

            return;
        }

        if (calls is not null && role != "assistant")
        {
            throw new ArgumentException($"Chat message {index} holds function calls but its role is '{role}'; only assistant messages can call tools.", "messages");
        }

        if (images is not null && role != "user")
        {
            throw new ArgumentException($"Chat message {index} holds an image but its role is '{role}'; CLOVA takes images only in user messages.", "messages");
        }

        if (role == "tool")
        {
            throw new ArgumentException($"Chat message {index} has the tool role but no FunctionResultContent; CLOVA needs the toolCallId a result answers.", "messages");
        }

        ClovaRequestContent body;
        if (images is null)
        {
            body = new ClovaRequestContent(text);
        }
        else
        {
            var parts = new List<ClovaContentPart>(images.Count + 1);
            if (text.Length > 0)
            {
                parts.Add(new ClovaContentPart { Type = ClovaContentPart.TextType, Text = text });
            }

            parts.AddRange(images);
            body = new ClovaRequestContent(parts);
        }

        result.Add(new ClovaRequestMessage { Role = role, Content = body, ToolCalls = calls });
    }

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

        if (options.Tools is { Count: > 0 } tools)
        {
            var clovaTools = new List<ClovaTool>(tools.Count);
            foreach (AITool tool in tools)
            {
                clovaTools.Add(tool is AIFunctionDeclaration function
                    ? ToClovaTool(function)
                    : throw new ArgumentException($"ChatOptions.Tools holds {tool.GetType().Name} '{tool.Name}'; CLOVA Studio supports only function tools (AIFunctionDeclaration, e.g. from AIFunctionFactory).", "options"));
            }

            request.Tools = clovaTools;
            request.ToolChoice = ToClovaToolChoice(options.ToolMode, clovaTools);
        }

        request.ResponseFormat = ToClovaResponseFormat(options.ResponseFormat);
    }

    /// <summary>
    /// HCX-007 thinks by default, and CLOVA refuses thinking together with <c>stop</c>, tools or structured outputs.
    /// When the caller asked for one of those without choosing an effort, thinking is turned off so the request
    /// can succeed; when the caller asked for reasoning explicitly, the validator refuses the combination instead
    /// of silently dropping either. Tools also need an output limit of at least 1024: it defaults to that.
    /// </summary>
    private static void ApplyThinkingPolicy(ClovaChatRequest request, ClovaModelInfo model, bool explicitEffort)
    {
        bool needsNoThinking = request.Stop is { Count: > 0 } || request.Tools is not null || request.ResponseFormat is not null;
        if (model.IsKnown && model.SupportsThinking && needsNoThinking && !explicitEffort)
        {
            request.Thinking = new ClovaThinking { Effort = "none" };
        }

        if (request.Tools is not null && request.MaxTokens is null && request.MaxCompletionTokens is null)
        {
            if (model.UsesMaxCompletionTokens)
            {
                request.MaxCompletionTokens = MinOutputTokensWithTools;
            }
            else
            {
                request.MaxTokens = MinOutputTokensWithTools;
            }
        }
    }

    private static string MediaTypeOf(AIContent content) => content switch
    {
        DataContent d => d.MediaType,
        UriContent u => u.MediaType,
        _ => "",
    };
}
