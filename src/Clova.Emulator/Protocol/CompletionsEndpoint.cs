using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// <c>POST /v1/completions/{model}</c> (LK-D2, LK-B): plain-text continuation. The continuation is deterministic;
/// <c>probs</c> items are <c>{"token","prob"}</c> objects (the docs do not show their shape, so this is inferred).
/// </summary>
internal static class CompletionsEndpoint
{
    private const int MaxTotal = 2048;
    private const int DefaultMaxTokens = 100;

    private static readonly HashSet<string> Fields =
    [
        "text", "start", "restart", "stopBefore", "includeTokens", "includeAiFilters", "includeProbs",
        "topK", "topP", "temperature", "repeatPenalty", "maxTokens",
    ];

    /// <summary>Answers one request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="modelName">The model from the path.</param>
    /// <param name="body">The request body.</param>
    /// <param name="emulator">The emulator.</param>
    /// <returns>A task for the response.</returns>
    public static async Task HandleAsync(HttpContext context, string modelName, string body, ClovaEmulator emulator)
    {
        EmulatorModel model = EmulatorModel.Get(modelName);
        if (!model.Name.StartsWith("LK-", StringComparison.Ordinal))
        {
            throw new ClovaApiError("40084", $"Unsupported API for model: {model.Name} is a chat model, not a completion model");
        }

        JsonObject root = ChatV3Validator.ParseObject(body, Fields);
        string text = root["text"] is JsonValue t && t.TryGetValue(out string? value) ? value : "";
        if (text.Length == 0)
        {
            throw new ClovaApiError("40004", "Text empty: text is required");
        }

        ChatV3Validator.Number(root, "temperature", 0, 1, minInclusive: false);
        ChatV3Validator.Number(root, "topP", 0, 1, minInclusive: false);
        ChatV3Validator.Number(root, "repeatPenalty", 0, 10, minInclusive: false);
        ChatV3Validator.Long(root, "topK", 0, 128);
        int maxTokens = (int)(ChatV3Validator.Long(root, "maxTokens", 1, MaxTotal) ?? DefaultMaxTokens);
        List<string> stop = ChatV3Validator.ParseStop(root["stopBefore"], "stopBefore");
        bool includeTokens = ChatV3Validator.Boolean(root, "includeTokens") ?? true;
        bool includeFilters = ChatV3Validator.Boolean(root, "includeAiFilters") ?? false;
        bool includeProbs = ChatV3Validator.Boolean(root, "includeProbs") ?? false;
        string start = Text(root, "start");
        string restart = Text(root, "restart");

        string input = text + start;
        int inputLength = EmulatorTokenizer.Count(input);
        if (inputLength + maxTokens > MaxTotal)
        {
            throw new ClovaApiError("40003", $"Context length exceeded: {inputLength} input tokens plus maxTokens {maxTokens} is over {MaxTotal}");
        }

        string lastLine = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? text;
        string output = $"{lastLine} 다음에 이어지는 문장입니다.";
        string stopReason = "end_token";
        int cut = stop.Select(s => output.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (cut >= 0)
        {
            output = output[..cut];
            stopReason = "stop_before";
        }

        if (EmulatorTokenizer.Count(output) > maxTokens)
        {
            output = EmulatorTokenizer.Take(output, maxTokens);
            stopReason = "length";
        }

        List<string> outputTokens = EmulatorTokenizer.Split(output);
        var result = new JsonObject
        {
            ["text"] = input + output + restart,
            ["stopReason"] = emulator.Options.UpperCaseStopReason ? stopReason.ToUpperInvariant() : stopReason,
            ["startLength"] = inputLength,
            ["inputText"] = input,
            ["inputLength"] = inputLength,
            ["inputTokens"] = includeTokens ? new JsonArray(EmulatorTokenizer.Split(input).Select(x => (JsonNode)x).ToArray()) : null,
            ["outputText"] = output,
            ["outputLength"] = outputTokens.Count,
            ["outputTokens"] = includeTokens ? new JsonArray(outputTokens.Select(x => (JsonNode)x).ToArray()) : null,
            ["probs"] = new JsonArray(includeProbs ? outputTokens.Select(x => (JsonNode)new JsonObject { ["token"] = x, ["prob"] = 0.9 }).ToArray() : []),
            ["ok"] = true,
        };
        if (includeFilters)
        {
            result["aiFilter"] = ChatReply.AiFilterFor(output, withResult: false);
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(EmulatorJson.Write(EmulatorJson.Ok(result)), context.RequestAborted);
    }

    private static string Text(JsonObject root, string name) => root[name] switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => throw new ClovaApiError("40001", $"Invalid parameter: {name} must be a string"),
    };
}
