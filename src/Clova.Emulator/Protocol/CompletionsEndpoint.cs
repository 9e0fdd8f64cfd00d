using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// <c>POST /v1/completions/{model}</c> (the LK models): plain-text continuation. The continuation is deterministic;
/// <c>probs</c> items are <c>{"token","prob"}</c> objects (the docs do not show their shape, so this is inferred).
/// </summary>
internal static class CompletionsEndpoint
{
    private const int DefaultMaxTokens = 100;

    private static readonly HashSet<string> Fields =
    [
        "text", "start", "restart", "stopBefore", "includeTokens", "includeAiFilters", "includeProbs",
        "topK", "topP", "temperature", "repeatPenalty", "maxTokens",
    ];

    /// <summary>Answers one request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="model">The model from the path.</param>
    /// <param name="body">The request body.</param>
    /// <param name="options">The emulator's options.</param>
    /// <returns>A task for the response.</returns>
    public static Task HandleAsync(HttpContext context, EmulatorModel model, string body, ClovaEmulatorOptions options)
    {
        if (!model.OnCompletions)
        {
            throw new ClovaApiError("40084", $"Unsupported API for model: {model.Name} is a chat model, not a completion model");
        }

        JsonObject root = RequestBody.Parse(body, Fields);
        string text = RequestBody.RequiredText(root, "text");
        RequestBody.CheckV1Sampling(root);
        int maxTokens = (int)(RequestBody.Long(root, "maxTokens", 1, model.MaxOutput) ?? DefaultMaxTokens);
        List<string> stop = RequestBody.Strings(root, "stopBefore");
        bool includeTokens = RequestBody.Boolean(root, "includeTokens") ?? true;
        bool includeFilters = RequestBody.Boolean(root, "includeAiFilters") ?? false;
        bool includeProbs = RequestBody.Boolean(root, "includeProbs") ?? false;
        string start = RequestBody.String(root, "start");
        string restart = RequestBody.String(root, "restart");

        string input = text + start;
        int inputLength = EmulatorTokenizer.Count(input);
        if (inputLength + maxTokens > model.Context)
        {
            throw new ClovaApiError("40003", $"Context length exceeded: {inputLength} input tokens plus maxTokens {maxTokens} is over {model.Context}");
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
            ["stopReason"] = options.UpperCaseStopReason ? stopReason.ToUpperInvariant() : stopReason,
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
            result["aiFilter"] = AiFilter.For(output, withResult: false);
        }

        return JsonResponse.OkAsync(context, result);
    }
}
