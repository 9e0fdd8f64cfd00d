using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// The api-tools: token calculators (v3, v1, embedding v2) and the sliding window. All count with
/// <see cref="EmulatorTokenizer"/>: the calculators report content tokens only (an image costs
/// <see cref="EmulatorTokenizer.ImageTokens"/>), while the sliding window counts prompts as chat usage does.
/// </summary>
internal static class ApiToolsEndpoints
{
    private static readonly HashSet<string> V3Fields = ["messages", "tools", "toolChoice", "responseFormat"];
    private static readonly HashSet<string> V1Fields = ["messages"];
    private static readonly HashSet<string> SlidingFields = ["messages", "maxTokens"];
    private static readonly HashSet<string> TextFields = ["text"];

    /// <summary><c>POST /v3/api-tools/chat-tokenize/{model}</c>: counts per content part, for tools and the response format.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="model">The model.</param>
    /// <param name="body">The request body.</param>
    /// <returns>A task for the response.</returns>
    public static Task TokenizeV3Async(HttpContext context, EmulatorModel model, string body)
    {
        if (!model.OnV3)
        {
            throw new ClovaApiError("40084", $"Unsupported API for model: {model.Name} is not a v3 model");
        }

        JsonObject root = RequestBody.Parse(body, V3Fields);
        MessageReader.ReadV3(root["messages"]);
        List<ToolDefinition> tools = ToolAndFormatRules.ReadTools(root["tools"]);
        ToolAndFormatRules.ReadToolChoice(root["toolChoice"], tools);
        JsonObject? schema = ToolAndFormatRules.ReadResponseFormat(root["responseFormat"]);

        var messages = new JsonArray();
        foreach (JsonNode? node in root["messages"]!.AsArray())
        {
            JsonObject message = node!.AsObject();
            JsonNode? content = message["content"] switch
            {
                JsonArray parts => new JsonArray(parts.Select(p => (JsonNode)CountPart(p!.AsObject())).ToArray()),
                JsonValue text => new JsonObject { ["type"] = "text", ["text"] = text.DeepClone(), ["count"] = EmulatorTokenizer.Count(text.GetValue<string>()) },
                _ => null,
            };
            messages.Add(new JsonObject { ["role"] = message["role"]!.DeepClone(), ["content"] = content });
        }

        var result = new JsonObject { ["messages"] = messages };
        if (root["tools"] is JsonArray toolArray)
        {
            result["tools"] = new JsonObject { ["count"] = EmulatorTokenizer.Count(EmulatorJson.Write(toolArray)) };
        }

        if (schema is not null)
        {
            result["responseFormat"] = new JsonObject { ["count"] = EmulatorTokenizer.Count(EmulatorJson.Write(schema)) };
        }

        return JsonResponse.OkAsync(context, result);
    }

    /// <summary><c>POST /v1/api-tools/chat-tokenize/{model}</c>: one count per message.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="model">The model.</param>
    /// <param name="body">The request body.</param>
    /// <returns>A task for the response.</returns>
    public static Task TokenizeV1Async(HttpContext context, EmulatorModel model, string body)
    {
        if (!model.OnV1)
        {
            throw new ClovaApiError("40084", $"Unsupported API for model: {model.Name} is not a v1 model");
        }

        List<ChatTurn> turns = MessageReader.ReadV1(RequestBody.Parse(body, V1Fields)["messages"]);
        var messages = new JsonArray(turns.Select(t => (JsonNode)new JsonObject { ["role"] = t.Role, ["content"] = t.Text, ["count"] = EmulatorTokenizer.Count(t.Text) }).ToArray());
        return JsonResponse.OkAsync(context, new JsonObject { ["messages"] = messages });
    }

    /// <summary>
    /// <c>POST /v1/api-tools/sliding/chat-messages/{model}</c>: drops the oldest non-system messages until input plus
    /// <c>maxTokens</c> fits in 4096; 40003 when even the system message alone does not fit.
    /// </summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="model">The model.</param>
    /// <param name="body">The request body.</param>
    /// <returns>A task for the response.</returns>
    public static Task SlideAsync(HttpContext context, EmulatorModel model, string body)
    {
        const int Limit = 4096;
        if (!model.OnV1)
        {
            // Inferred: the page documents the v1 models; there is no v3 or 128k sliding window.
            throw new ClovaApiError("40084", $"Unsupported API for model: the sliding window serves v1 models, not {model.Name}");
        }

        JsonObject root = RequestBody.Parse(body, SlidingFields);
        long maxTokens = RequestBody.Long(root, "maxTokens", 1, Limit) ?? throw new ClovaApiError("40001", "Invalid parameter: maxTokens is required");
        List<ChatTurn> kept = MessageReader.ReadV1(root["messages"]);
        int Total() => EmulatorTokenizer.CountPrompt(kept) + (int)maxTokens;
        while (Total() > Limit && kept.FindIndex(t => t.Role != "system") is int oldest and >= 0)
        {
            kept.RemoveAt(oldest);
        }

        if (Total() > Limit)
        {
            throw new ClovaApiError("40003", $"Context length exceeded: the system message plus maxTokens is over {Limit} tokens");
        }

        var messages = new JsonArray(kept.Select(t => (JsonNode)new JsonObject { ["role"] = t.Role, ["content"] = t.Text }).ToArray());
        return JsonResponse.OkAsync(context, new JsonObject { ["messages"] = messages });
    }

    /// <summary><c>POST /v1/api-tools/embedding/v2/tokenize</c>: <c>{"numTokens": n}</c>.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="body">The request body.</param>
    /// <returns>A task for the response.</returns>
    public static Task TokenizeEmbeddingAsync(HttpContext context, string body)
    {
        string text = RequestBody.RequiredText(RequestBody.Parse(body, TextFields), "text");
        return JsonResponse.OkAsync(context, new JsonObject { ["numTokens"] = EmulatorTokenizer.Count(text) });
    }

    private static JsonObject CountPart(JsonObject part)
    {
        JsonObject counted = part.DeepClone().AsObject();
        counted["count"] = part["type"]?.GetValue<string>() == "image_url" ? EmulatorTokenizer.ImageTokens : EmulatorTokenizer.Count(part["text"]?.GetValue<string>() ?? "");
        return counted;
    }
}
