using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// <c>POST /v1/api-tools/summarization/v2</c>: 1–35,000 characters in total (40004 empty, 40003 over), the segment
/// settings' ranges (40001), and a deterministic summary: "- " plus the leading sentence of each text, one per line.
/// The older <c>postProcess</c> flag is accepted and ignored, as the current page no longer lists it.
/// </summary>
internal static class SummarizationEndpoint
{
    private const int MaxCharacters = 35_000;
    private static readonly HashSet<string> Fields = ["texts", "autoSentenceSplitter", "segCount", "segMaxSize", "segMinSize", "includeAiFilters", "postProcess"];

    public static Task HandleAsync(HttpContext context, string body)
    {
        LegacyGateway.RequireAppId(context, "summarization/v2");
        JsonObject root = RequestBody.Parse(body, Fields);
        if (root["texts"] is not JsonArray array)
        {
            throw new ClovaApiError(root["texts"] is null ? "40004" : "40001", "Invalid parameter: texts must be an array of strings");
        }

        var texts = new List<string>();
        foreach (JsonNode? item in array)
        {
            texts.Add(EmulatorJson.StringOf(item) ?? throw new ClovaApiError("40001", "Invalid parameter: texts must hold strings"));
        }

        int total = texts.Sum(t => t.Length);
        if (total == 0 || texts.All(string.IsNullOrWhiteSpace))
        {
            throw new ClovaApiError("40004", "Text empty: texts");
        }

        if (total > MaxCharacters)
        {
            throw new ClovaApiError("40003", $"Context length exceeded: {total} characters, summarization takes up to {MaxCharacters}");
        }

        RequestBody.Boolean(root, "autoSentenceSplitter");
        RequestBody.Boolean(root, "includeAiFilters");
        RequestBody.Boolean(root, "postProcess");
        if (RequestBody.Long(root, "segCount", -1, int.MaxValue) == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: segCount must be -1 or at least 1");
        }

        long maxSize = RequestBody.Long(root, "segMaxSize", 1, 3000) ?? 1000;
        RequestBody.Long(root, "segMinSize", 0, maxSize);

        string summary = string.Join("\n", texts.Where(t => t.Trim().Length > 0).Select(t => "- " + (TextUnits.Sentences(t).FirstOrDefault() ?? t.Trim())));
        return JsonResponse.OkAsync(context, new JsonObject { ["text"] = summary, ["inputTokens"] = texts.Sum(EmulatorTokenizer.Count) });
    }
}
