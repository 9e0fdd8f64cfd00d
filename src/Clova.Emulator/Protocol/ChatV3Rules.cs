using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>
/// The documented rules of a v3 chat request (<c>/v3/chat-completions</c> and <c>/v3/tasks/…</c>): fields, ranges,
/// and which features the model has and which ones exclude each other. Strict on purpose: the first violation is
/// the documented <see cref="ClovaApiError"/>.
/// </summary>
internal static class ChatV3Rules
{
    private static readonly HashSet<string> Fields =
    [
        "messages", "thinking", "topP", "topK", "maxTokens", "maxCompletionTokens", "temperature",
        "repetitionPenalty", "stop", "seed", "includeAiFilters", "tools", "toolChoice", "responseFormat",
    ];

    private static readonly HashSet<string> Efforts = ["none", "low", "medium", "high"];

    /// <summary>Parses and checks a body.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="model">The model from the path.</param>
    /// <returns>The request.</returns>
    public static ChatRequest Read(string body, EmulatorModel model)
    {
        JsonObject root = RequestBody.Parse(body, Fields);

        List<ChatTurn> turns = MessageReader.ReadV3(root["messages"]);
        string? effort = ReadEffort(root["thinking"], model);
        List<string> stop = RequestBody.Strings(root, "stop");
        if (effort is not null and not "none" && stop.Count > 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: stop, thinking (stop cannot be used while thinking is on)");
        }

        int? maxTokens = (int?)RequestBody.Long(root, "maxTokens", 1, model.MaxOutput);
        int? maxCompletionTokens = (int?)RequestBody.Long(root, "maxCompletionTokens", 1, model.MaxOutput);
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

        RequestBody.Number(root, "temperature", 0, 1, minInclusive: true);
        RequestBody.Number(root, "topP", 0, 1, minInclusive: false);
        RequestBody.Number(root, "repetitionPenalty", 0, 2, minInclusive: false);
        RequestBody.Long(root, "topK", 0, 128);
        long seed = RequestBody.Long(root, "seed", 0, uint.MaxValue) ?? 0;
        bool includeAiFilters = RequestBody.Boolean(root, "includeAiFilters") ?? false;

        List<ToolDefinition> tools = ToolAndFormatRules.ReadTools(root["tools"]);
        (string? toolChoice, string? forced) = ToolAndFormatRules.ReadToolChoice(root["toolChoice"], tools);
        JsonObject? schema = ToolAndFormatRules.ReadResponseFormat(root["responseFormat"]);
        int images = turns.Sum(t => t.Images);
        if (images > 0 && !model.Images)
        {
            throw new ClovaApiError("40009", $"Unsupported input format: {model.Name} does not accept images");
        }

        if (images > 5)
        {
            throw new ClovaApiError("40003", $"Image limit exceeded: {images} images (at most 5 per request)");
        }

        if (tools.Count > 0)
        {
            CheckTools(model, effort, images, maxTokens ?? maxCompletionTokens);
        }

        if (schema is not null)
        {
            CheckResponseFormat(model, effort, tools.Count);
        }

        var request = new ChatRequest
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
        if (model.Context < EmulatorTokenizer.CountPrompt(turns) + (request.MaxOutput ?? 0))
        {
            throw new ClovaApiError("40003", $"Context length exceeded: input plus requested output is over {model.Context} tokens");
        }

        return request;
    }

    private static void CheckTools(EmulatorModel model, string? effort, int images, int? maxOutput)
    {
        if (!model.FunctionCalling)
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

        // A reasoning model's default output limit with effort none is 512, below the 1024 tools need (inferred).
        int limit = maxOutput ?? (model.Thinking ? 512 : 1024);
        if (limit < 1024)
        {
            throw new ClovaApiError("40001", $"Invalid parameter: {(model.Thinking ? "maxCompletionTokens" : "maxTokens")} must be at least 1024 with tools");
        }
    }

    private static void CheckResponseFormat(EmulatorModel model, string? effort, int tools)
    {
        if (!model.StructuredOutputs)
        {
            throw new ClovaApiError("40002", $"Unsupported parameter: responseFormat ({model.Name} has no structured outputs)");
        }

        if (effort is not "none")
        {
            throw new ClovaApiError("40001", "Invalid parameter: responseFormat, thinking (structured outputs need thinking.effort none)");
        }

        if (tools > 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: responseFormat, tools");
        }
    }

    private static string? ReadEffort(JsonNode? thinking, EmulatorModel model)
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
}
