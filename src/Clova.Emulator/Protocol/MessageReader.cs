using System.Text;
using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>
/// Reads the <c>messages</c> of a request into <see cref="ChatTurn"/>s: the v1 shape (v1 chat, the v1 token
/// calculator, the sliding window) and the v3 shape (v3 chat and the v3 token calculator).
/// </summary>
internal static class MessageReader
{
    private static readonly HashSet<string> V3MessageFields = ["role", "content", "toolCalls", "toolCallId"];
    private static readonly HashSet<string> V3Roles = ["system", "user", "assistant", "tool"];

    /// <summary>
    /// Reads v1 messages: <c>{role, content}</c> with role system/user/assistant and string content. Another field
    /// is 40002, a bad role or content 40001.
    /// </summary>
    /// <param name="node">The <c>messages</c> value.</param>
    /// <returns>The conversation.</returns>
    public static List<ChatTurn> ReadV1(JsonNode? node)
    {
        var turns = new List<ChatTurn>();
        foreach ((JsonObject message, int i) in Objects(node))
        {
            if (message.FirstOrDefault(f => f.Key is not ("role" or "content")) is { Key: { } extra })
            {
                throw new ClovaApiError("40002", $"Unsupported parameter: messages[{i}].{extra} (these messages take only role and content)");
            }

            if (message["role"] is not JsonValue r || !r.TryGetValue(out string? role) || role is not ("system" or "user" or "assistant"))
            {
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}].role must be system, user or assistant");
            }

            string content = message["content"] is JsonValue c && c.TryGetValue(out string? text)
                ? text
                : throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}].content must be a string");
            turns.Add(new ChatTurn(role, content));
        }

        return turns;
    }

    /// <summary>
    /// Reads v3 messages: roles system/user/assistant/tool (one system message at most), string or part-array
    /// content with at most one image per user turn, assistant <c>toolCalls</c> with object arguments, and tool
    /// messages whose <c>toolCallId</c> names an earlier call. <c>thinkingContent</c> sent back is 40001.
    /// </summary>
    /// <param name="node">The <c>messages</c> value.</param>
    /// <returns>The conversation.</returns>
    public static List<ChatTurn> ReadV3(JsonNode? node)
    {
        var turns = new List<ChatTurn>();
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        int systems = 0;
        foreach ((JsonObject message, int i) in Objects(node))
        {
            foreach (KeyValuePair<string, JsonNode?> field in message)
            {
                if (field.Key == "thinkingContent")
                {
                    throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}].thinkingContent (send only the answer of earlier turns, never the reasoning)");
                }

                if (!V3MessageFields.Contains(field.Key))
                {
                    throw new ClovaApiError("40002", $"Unsupported parameter: messages[{i}].{field.Key}");
                }
            }

            string role = message["role"] is JsonValue r && r.TryGetValue(out string? roleText) ? roleText : "";
            if (!V3Roles.Contains(role))
            {
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}].role '{role}'");
            }

            if (role == "system" && ++systems > 1)
            {
                throw new ClovaApiError("40001", "Invalid parameter: messages (only one system message is allowed)");
            }

            (string text, int images) = ReadContent(message["content"], i);
            if (images > 0 && role != "user")
            {
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}] images are only accepted in user messages");
            }

            if (images > 1)
            {
                throw new ClovaApiError("40003", $"Image limit exceeded: messages[{i}] has {images} images (one per turn)");
            }

            List<string> made = ReadToolCallIds(message["toolCalls"], role, i);
            callIds.UnionWith(made);

            string? answers = null;
            if (role == "tool")
            {
                answers = message["toolCallId"] is JsonValue t && t.TryGetValue(out string? id) ? id : null;
                if (answers is null || !callIds.Contains(answers))
                {
                    throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}].toolCallId must name a call an earlier assistant message made");
                }
            }
            else if (message.ContainsKey("toolCallId"))
            {
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}].toolCallId is only for tool messages");
            }

            turns.Add(new ChatTurn(role, text) { Images = images, ToolCallIds = made, ToolCallId = answers });
        }

        return turns;
    }

    /// <summary>The messages as objects with their positions; both shapes refuse an empty list and a non-object item alike.</summary>
    private static IEnumerable<(JsonObject Message, int Index)> Objects(JsonNode? node)
    {
        if (node is not JsonArray messages || messages.Count == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: messages (a non-empty array is required)");
        }

        for (int i = 0; i < messages.Count; i++)
        {
            yield return messages[i] is JsonObject message ? (message, i) : throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}] must be an object");
        }
    }

    private static List<string> ReadToolCallIds(JsonNode? node, string role, int index)
    {
        if (node is null)
        {
            return [];
        }

        if (role != "assistant" || node is not JsonArray calls)
        {
            throw new ClovaApiError("40001", $"Invalid parameter: messages[{index}].toolCalls (only assistant messages, as an array)");
        }

        var ids = new List<string>();
        foreach (JsonNode? item in calls)
        {
            if (item is not JsonObject call || call["id"] is not JsonValue idValue || !idValue.TryGetValue(out string? id) || id.Length == 0
                || call["function"] is not JsonObject function || function["name"] is null)
            {
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{index}].toolCalls[] needs id and function.name");
            }

            if (function["arguments"] is not JsonObject)
            {
                // The classic mistake of OpenAI-shaped clients: CLOVA wants the object itself, not a JSON string.
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{index}].toolCalls[].function.arguments must be a JSON object");
            }

            ids.Add(id);
        }

        return ids;
    }

    private static (string Text, int Images) ReadContent(JsonNode? content, int index)
    {
        switch (content)
        {
            case JsonValue value when value.TryGetValue(out string? text):
                return (text, 0);
            case JsonArray parts:
                var joined = new StringBuilder();
                int images = 0;
                for (int p = 0; p < parts.Count; p++)
                {
                    if (parts[p] is not JsonObject part || part["type"] is not JsonValue tv || !tv.TryGetValue(out string? type))
                    {
                        throw new ClovaApiError("40001", $"Invalid parameter: messages[{index}].content[{p}].type");
                    }

                    switch (type)
                    {
                        case "text":
                            joined.Append(part["text"] is JsonValue t && t.TryGetValue(out string? s) ? s : throw new ClovaApiError("40001", $"Invalid parameter: messages[{index}].content[{p}].text"));
                            break;
                        case "image_url":
                            ImageRules.Check(part, $"messages[{index}].content[{p}]");
                            images++;
                            break;
                        default:
                            throw new ClovaApiError("40009", $"Unsupported input format: messages[{index}].content[{p}].type '{type}'");
                    }
                }

                return (joined.ToString(), images);
            default:
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{index}].content must be a string or an array (send \"\" for an empty turn, never null)");
        }
    }
}
