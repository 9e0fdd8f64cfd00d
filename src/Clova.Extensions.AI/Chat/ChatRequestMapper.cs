using System.Text;
using System.Text.Json;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Chat;

/// <summary>
/// Pure mapping from Microsoft.Extensions.AI messages and options to CLOVA wire values. It validates nothing: the
/// rule book (<see cref="Rules.ClovaRuleBook"/>) has checked the input before any of this runs, and the parameter
/// table (<see cref="Requests.ClovaParameters"/>) decides which of these values a request carries.
/// </summary>
internal static class ChatRequestMapper
{
    /// <summary>
    /// Maps the conversation. CLOVA allows ONE system message, so <see cref="ChatOptions.Instructions"/> and every
    /// system message, wherever it stands, are joined (blank line between) into one system message placed first.
    /// A message holding several function results becomes one <c>tool</c> message per result, as CLOVA expects.
    /// </summary>
    /// <param name="messages">The conversation, checked by <see cref="Rules.ClovaRuleBook.CheckMessages"/>.</param>
    /// <param name="instructions">Extra system text placed before every system message.</param>
    /// <param name="sources">When given, receives for each CLOVA message the index of the input message it came
    /// from (-1 for the merged system message), so counts can be attributed back.</param>
    public static List<ClovaRequestMessage> ToClovaMessages(IEnumerable<ChatMessage> messages, string? instructions, List<int>? sources = null)
    {
        // Sized up front: growing a list to a 21-message history copies it four times.
        var result = new List<ClovaRequestMessage>(messages is IReadOnlyCollection<ChatMessage> known ? known.Count + 1 : 4);
        StringBuilder? system = string.IsNullOrEmpty(instructions) ? null : new StringBuilder(instructions);
        int index = 0;
        foreach (ChatMessage message in messages)
        {
            if (message.Role == ChatRole.System)
            {
                string text = ToClovaText(message);
                if (text.Length > 0)
                {
                    system = system is null ? new StringBuilder(text) : system.Append("\n\n").Append(text);
                }
            }
            else
            {
                int before = result.Count;
                AddClovaMessages(result, message);
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

        return result;
    }

    public static string ToClovaRole(ChatRole role) =>
        role == ChatRole.User ? "user"
        : role == ChatRole.Assistant ? "assistant"
        : role == ChatRole.Tool ? "tool"
        : role == ChatRole.System ? "system"
        : role.Value;

    /// <summary>
    /// The text CLOVA receives for one message. Reasoning is left out on purpose: CLOVA rejects
    /// <c>thinkingContent</c> on input and NAVER asks for the answer alone in multi-turn history.
    /// </summary>
    public static string ToClovaText(ChatMessage message)
    {
        string? single = null;
        StringBuilder? many = null;
        IList<AIContent> contents = message.Contents;
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is TextContent { Text.Length: > 0 } text)
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
    public static ClovaContentPart ToClovaImagePart(AIContent content) => content is DataContent data
        ? new ClovaContentPart { Type = ClovaContentPart.ImageType, DataUri = new ClovaDataUri { Data = Convert.ToBase64String(data.Data.Span) } }
        : new ClovaContentPart { Type = ClovaContentPart.ImageType, ImageUrl = new ClovaImageUrl { Url = ((UriContent)content).Uri.AbsoluteUri } };

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

    /// <summary>The function tools (the rule book has refused any other kind).</summary>
    public static List<ClovaTool> ToClovaTools(IList<AITool> tools)
    {
        var result = new List<ClovaTool>(tools.Count);
        foreach (AITool tool in tools)
        {
            if (tool is AIFunctionDeclaration function)
            {
                result.Add(ToClovaTool(function));
            }
        }

        return result;
    }

    public static ClovaTool ToClovaTool(AIFunctionDeclaration function) => new()
    {
        Function = new ClovaFunctionDefinition
        {
            Name = function.Name,
            Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
            Parameters = ClovaSchema.ToClovaToolSchema(function),
        },
    };

    /// <summary>Maps <see cref="ChatToolMode"/>; RequireAny with one tool forces that tool.</summary>
    public static ClovaToolChoice? ToClovaToolChoice(ChatToolMode? mode, IList<AITool> tools) => mode switch
    {
        NoneChatToolMode => ClovaToolChoice.None,
        AutoChatToolMode => ClovaToolChoice.Auto,
        RequiredChatToolMode { RequiredFunctionName: { } name } => ClovaToolChoice.Force(name),
        RequiredChatToolMode when tools.Count == 1 => ClovaToolChoice.Force(tools[0].Name),
        _ => null,
    };

    public static ClovaResponseFormat? ToClovaResponseFormat(ChatResponseFormat? format) =>
        format is ChatResponseFormatJson { Schema: not null } json ? new ClovaResponseFormat { Schema = ClovaSchema.ToClovaResponseSchema(json) } : null;

    /// <summary>
    /// Widens a <see cref="float"/> option to the value the caller wrote: a plain cast turns 0.8f into
    /// 0.800000011920929 on the wire, while the decimal route keeps float's 7 significant digits, giving 0.8.
    /// </summary>
    public static double? ToClovaNumber(float? value) =>
        value is float f && float.IsFinite(f) && Math.Abs(f) < 1e15f ? (double)(decimal)f : value;

    public static string? ToClovaEffort(ReasoningEffort? effort) => effort switch
    {
        ReasoningEffort.None => "none",
        ReasoningEffort.Low => "low",
        ReasoningEffort.Medium => "medium",
        // CLOVA's deepest level is "high"; ExtraHigh asks for at least that.
        ReasoningEffort.High or ReasoningEffort.ExtraHigh => "high",
        _ => null,
    };

    private static void AddClovaMessages(List<ClovaRequestMessage> result, ChatMessage message)
    {
        string role = ToClovaRole(message.Role);
        List<ClovaContentPart>? images = null;
        List<ClovaToolCall>? calls = null;
        bool hasResults = false;
        IList<AIContent> contents = message.Contents;
        for (int i = 0; i < contents.Count; i++)
        {
            AIContent content = contents[i];
            switch (content)
            {
                case DataContent or UriContent:
                    (images ??= []).Add(ToClovaImagePart(content));
                    break;
                case FunctionCallContent call:
                    (calls ??= []).Add(ToClovaToolCall(call));
                    break;
                case FunctionResultContent functionResult:
                    result.Add(new ClovaRequestMessage { Role = "tool", ToolCallId = functionResult.CallId, Content = new ClovaRequestContent(ToClovaToolResult(functionResult)) });
                    hasResults = true;
                    break;
            }

            // Text and reasoning are gathered by ToClovaText; other providers' content (citations, annotations…)
            // has no CLOVA form and is skipped, keeping histories portable as Microsoft.Extensions.AI.OpenAI does.
        }

        if (hasResults)
        {
            // Its results were added above, one tool message each (the rule book allows nothing else beside them).
            return;
        }

        string text = ToClovaText(message);
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
}
