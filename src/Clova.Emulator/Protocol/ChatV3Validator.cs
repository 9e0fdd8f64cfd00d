using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>
/// Enforces the documented v3 chat rules. Strict on purpose: an undocumented field is 40002, so a misspelt
/// field in the client cannot pass unnoticed.
/// </summary>
internal static class ChatV3Validator
{
    private static readonly HashSet<string> TopLevelFields =
    [
        "messages", "thinking", "topP", "topK", "maxTokens", "maxCompletionTokens", "temperature",
        "repetitionPenalty", "stop", "seed", "includeAiFilters", "tools", "toolChoice", "responseFormat",
    ];

    private static readonly HashSet<string> MessageFields = ["role", "content", "toolCalls", "toolCallId"];
    private static readonly HashSet<string> Roles = ["system", "user", "assistant", "tool"];
    private static readonly HashSet<string> Efforts = ["none", "low", "medium", "high"];

    /// <summary>Parses and checks a body; throws the documented <see cref="ClovaApiError"/> on the first violation.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="model">The model from the path.</param>
    /// <returns>The request.</returns>
    public static ChatV3Request Parse(string body, EmulatorModel model)
    {
        JsonObject root = ParseObject(body, TopLevelFields);

        List<ChatTurn> turns = ParseMessages(root["messages"]);
        string? effort = ParseEffort(root["thinking"], model);
        var stop = ParseStop(root["stop"]);
        if (effort is not null and not "none" && stop.Count > 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: stop, thinking (stop cannot be used while thinking is on)");
        }

        int? maxTokens = Integer(root, "maxTokens", 1, model.MaxOutput);
        int? maxCompletionTokens = Integer(root, "maxCompletionTokens", 1, model.MaxOutput);
        if (maxTokens is not null && maxCompletionTokens is not null)
        {
            throw new ClovaApiError("40001", "Invalid parameter: maxTokens, maxCompletionTokens (use only one)");
        }

        if (model.Thinking && maxTokens is not null)
        {
            throw new ClovaApiError("40002", $"Unsupported parameter: maxTokens ({model.Name} takes maxCompletionTokens)");
        }

        if (!model.Thinking && maxCompletionTokens is not null)
        {
            throw new ClovaApiError("40002", $"Unsupported parameter: maxCompletionTokens ({model.Name} takes maxTokens)");
        }

        Number(root, "temperature", 0, 1, minInclusive: true);
        Number(root, "topP", 0, 1, minInclusive: false);
        Number(root, "repetitionPenalty", 0, 2, minInclusive: false);
        Integer(root, "topK", 0, 128);
        long seed = Long(root, "seed", 0, uint.MaxValue) ?? 0;
        bool includeAiFilters = Boolean(root, "includeAiFilters") ?? false;

        List<EmulatorTool> tools = ToolAndFormatRules.ParseTools(root["tools"]);
        (string? toolChoice, string? forced) = ToolAndFormatRules.ParseToolChoice(root["toolChoice"], tools);
        JsonObject? schema = ToolAndFormatRules.ParseResponseFormat(root["responseFormat"]);
        int images = turns.Sum(t => t.Images);
        if (images > 0 && model.Name != "HCX-005")
        {
            throw new ClovaApiError("40009", $"Unsupported input format: {model.Name} does not accept images");
        }

        if (images > 5)
        {
            throw new ClovaApiError("40003", $"Image limit exceeded: {images} images (at most 5 per request)");
        }

        if (tools.Count > 0)
        {
            if (model.Name is not ("HCX-005" or "HCX-DASH-002" or "HCX-007"))
            {
                throw new ClovaApiError("40009", $"Unsupported function: {model.Name} does not support function calling");
            }

            if (effort is not null and not "none")
            {
                throw new ClovaApiError("40001", "Invalid parameter: tools, thinking (function calling needs thinking.effort none)");
            }

            if (images > 0)
            {
                throw new ClovaApiError("40001", "Invalid parameter: tools, image (function calling cannot be combined with images)");
            }

            // HCX-007's default output limit with effort none is 512, below the 1024 tools need (inferred).
            int limit = maxTokens ?? maxCompletionTokens ?? (model.Thinking ? 512 : 1024);
            if (limit < 1024)
            {
                throw new ClovaApiError("40001", $"Invalid parameter: {(model.Thinking ? "maxCompletionTokens" : "maxTokens")} must be at least 1024 with tools");
            }
        }

        if (schema is not null)
        {
            if (!model.Thinking)
            {
                throw new ClovaApiError("40002", $"Unsupported parameter: responseFormat ({model.Name} has no structured outputs)");
            }

            if (effort is not "none")
            {
                throw new ClovaApiError("40001", "Invalid parameter: responseFormat, thinking (structured outputs need thinking.effort none)");
            }

            if (tools.Count > 0)
            {
                throw new ClovaApiError("40001", "Invalid parameter: responseFormat, tools");
            }
        }

        return new ChatV3Request
        {
            Model = model,
            Turns = turns,
            Effort = effort,
            MaxOutput = maxTokens ?? maxCompletionTokens,
            Stop = stop,
            Seed = seed,
            IncludeAiFilters = includeAiFilters,
            Tools = tools,
            ToolChoiceMode = toolChoice,
            ForcedTool = forced,
            ResponseSchema = schema,
        };
    }

    /// <summary>Parses a body as a JSON object (40000 otherwise) whose fields are all documented (40002 otherwise).</summary>
    /// <param name="body">The raw body.</param>
    /// <param name="fields">The documented top-level fields.</param>
    /// <returns>The object.</returns>
    internal static JsonObject ParseObject(string body, HashSet<string> fields)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject ?? throw new ClovaApiError("40000", "Bad request: the body must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new ClovaApiError("40000", $"Bad request: invalid JSON ({e.Message})");
        }

        foreach (KeyValuePair<string, JsonNode?> field in root)
        {
            if (!fields.Contains(field.Key))
            {
                throw new ClovaApiError("40002", $"Unsupported parameter: {field.Key}");
            }
        }

        return root;
    }

    /// <summary>
    /// Reads v1-style messages (v1 chat, the v1 token calculator, the sliding window): <c>{role, content}</c> with
    /// role system/user/assistant and string content. Another field is 40002, a bad role or content 40001.
    /// </summary>
    /// <param name="node">The <c>messages</c> value.</param>
    /// <returns>The conversation.</returns>
    internal static List<ChatTurn> ParsePlainMessages(JsonNode? node)
    {
        if (node is not JsonArray messages || messages.Count == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: messages (a non-empty array is required)");
        }

        var turns = new List<ChatTurn>(messages.Count);
        for (int i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message)
            {
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}] must be an object");
            }

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

    internal static List<ChatTurn> ParseMessages(JsonNode? node)
    {
        if (node is not JsonArray messages || messages.Count == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: messages (a non-empty array is required)");
        }

        var turns = new List<ChatTurn>(messages.Count);
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        int systems = 0;
        for (int i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message)
            {
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}] must be an object");
            }

            foreach (KeyValuePair<string, JsonNode?> field in message)
            {
                if (field.Key == "thinkingContent")
                {
                    throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}].thinkingContent (send only the answer of earlier turns, never the reasoning)");
                }

                if (!MessageFields.Contains(field.Key))
                {
                    throw new ClovaApiError("40002", $"Unsupported parameter: messages[{i}].{field.Key}");
                }
            }

            string role = message["role"] is JsonValue r && r.TryGetValue(out string? roleText) ? roleText : "";
            if (!Roles.Contains(role))
            {
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}].role '{role}'");
            }

            if (role == "system" && ++systems > 1)
            {
                throw new ClovaApiError("40001", "Invalid parameter: messages (only one system message is allowed)");
            }

            (string text, int images) = ParseContent(message["content"], i);
            if (images > 0 && role != "user")
            {
                throw new ClovaApiError("40001", $"Invalid parameter: messages[{i}] images are only accepted in user messages");
            }

            if (images > 1)
            {
                throw new ClovaApiError("40003", $"Image limit exceeded: messages[{i}] has {images} images (one per turn)");
            }

            List<string> made = ParseToolCalls(message["toolCalls"], role, i);
            foreach (string id in made)
            {
                callIds.Add(id);
            }

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

    private static List<string> ParseToolCalls(JsonNode? node, string role, int index)
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

    private static (string Text, int Images) ParseContent(JsonNode? content, int index)
    {
        switch (content)
        {
            case JsonValue value when value.TryGetValue(out string? text):
                return (text, 0);
            case JsonArray parts:
                var joined = new System.Text.StringBuilder();
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

    private static string? ParseEffort(JsonNode? thinking, EmulatorModel model)
    {
        if (thinking is null)
        {
            return model.Thinking ? "low" : null;
        }

        if (!model.Thinking)
        {
            throw new ClovaApiError("40002", $"Unsupported parameter: thinking ({model.Name} does not reason)");
        }

        string? effort = thinking is JsonObject o && o["effort"] is JsonValue v && v.TryGetValue(out string? e) ? e : null;
        if (effort is null)
        {
            return "low";
        }

        return Efforts.Contains(effort) ? effort : throw new ClovaApiError("40001", $"Invalid parameter: thinking.effort '{effort}'");
    }

    internal static List<string> ParseStop(JsonNode? node, string name = "stop")
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new ClovaApiError("40001", $"Invalid parameter: {name} must be an array of strings");
        }

        return array.Select(item => item is JsonValue v && v.TryGetValue(out string? s) ? s : throw new ClovaApiError("40001", $"Invalid parameter: {name} must be an array of strings")).ToList();
    }

    internal static void Number(JsonObject root, string name, double min, double max, bool minInclusive)
    {
        if (root[name] is not { } node)
        {
            return;
        }

        double value = node is JsonValue v && v.TryGetValue(out double d) ? d : throw new ClovaApiError("40001", $"Invalid parameter: {name} must be a number");
        if ((minInclusive ? value < min : value <= min) || value > max)
        {
            throw new ClovaApiError("40001", $"Invalid parameter: {name} out of range");
        }
    }

    private static int? Integer(JsonObject root, string name, long min, long max) => (int?)Long(root, name, min, max);

    internal static long? Long(JsonObject root, string name, long min, long max)
    {
        if (root[name] is not { } node)
        {
            return null;
        }

        long value = node is JsonValue v && v.TryGetValue(out long l) ? l : throw new ClovaApiError("40001", $"Invalid parameter: {name} must be an integer");
        return value < min || value > max ? throw new ClovaApiError("40001", $"Invalid parameter: {name} out of range") : value;
    }

    internal static bool? Boolean(JsonObject root, string name) =>
        root[name] switch
        {
            null => null,
            JsonValue v when v.TryGetValue(out bool b) => b,
            _ => throw new ClovaApiError("40001", $"Invalid parameter: {name} must be a boolean"),
        };
}
