using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// <c>POST /v1/api-tools/segmentation</c>: 1–120,000 characters (40004 empty, 40003 over), <c>text</c> as a string or a
/// one-string array (the docs contradict themselves), the documented ranges (40001), and a deterministic split: the
/// text becomes sentences, and a sentence joins the paragraph before it when it shares a word stem with the sentence
/// before it or when the paragraph has only one sentence so far; otherwise it starts a new one. With <c>segCnt</c> ≥ 1 the
/// paragraphs are then merged (the shortest adjacent pair first) or split (the longest first) to exactly that many,
/// as far as the sentences allow. The docs' example comes out as documented.
/// </summary>
internal static class SegmentationEndpoint
{
    private const int MaxCharacters = 120_000;
    private static readonly HashSet<string> Fields = ["text", "alpha", "segCnt", "postProcess", "postProcessMaxSize", "postProcessMinSize"];

    public static Task HandleAsync(HttpContext context, string body)
    {
        LegacyGateway.RequireAppId(context, "segmentation");
        JsonObject root = RequestBody.Parse(body, Fields);
        string text = root["text"] switch
        {
            JsonArray { Count: 1 } one when EmulatorJson.StringOf(one[0]) is { } only => only,
            JsonValue value when EmulatorJson.StringOf(value) is { } s => s,
            null => "",
            _ => throw new ClovaApiError("40001", "Invalid parameter: text must be a string"),
        };
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ClovaApiError("40004", "Text empty: text");
        }

        if (text.Length > MaxCharacters)
        {
            throw new ClovaApiError("40003", $"Context length exceeded: {text.Length} characters, segmentation takes up to {MaxCharacters}");
        }

        if (root["alpha"] is not null && (root["alpha"] is not JsonValue a || !a.TryGetValue(out double alpha) || (alpha != -100 && (alpha < -1.5 || alpha > 1.5))))
        {
            throw new ClovaApiError("40001", "Invalid parameter: alpha must be -100 or between -1.5 and 1.5");
        }

        long? segCnt = RequestBody.Long(root, "segCnt", -1, int.MaxValue);
        if (segCnt == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: segCnt must be -1 or at least 1");
        }

        RequestBody.Boolean(root, "postProcess");
        long maxSize = RequestBody.Long(root, "postProcessMaxSize", 1, int.MaxValue) ?? 1000;
        RequestBody.Long(root, "postProcessMinSize", -1, maxSize);

        List<string> sentences = TextUnits.Sentences(text);
        List<List<int>> paragraphs = Group(sentences);
        if (segCnt is > 0 and long wanted)
        {
            Resize(paragraphs, (int)Math.Min(wanted, sentences.Count));
        }

        var topicSeg = new JsonArray(paragraphs.Select(p => (JsonNode)new JsonArray(p.Select(i => (JsonNode)sentences[i]).ToArray())).ToArray());
        var span = new JsonArray(paragraphs.Select(p => (JsonNode)new JsonArray(p.Select(i => (JsonNode)i).ToArray())).ToArray());
        return JsonResponse.OkAsync(context, new JsonObject { ["topicSeg"] = topicSeg, ["span"] = span, ["inputTokens"] = EmulatorTokenizer.Count(text) });
    }

    private static List<List<int>> Group(List<string> sentences)
    {
        var paragraphs = new List<List<int>>();
        HashSet<string> previous = [];
        for (int i = 0; i < sentences.Count; i++)
        {
            HashSet<string> own = TextUnits.Stems(sentences[i]);
            if (paragraphs.Count > 0 && (paragraphs[^1].Count == 1 || own.Overlaps(previous)))
            {
                paragraphs[^1].Add(i);
            }
            else
            {
                paragraphs.Add([i]);
            }

            previous = own;
        }

        return paragraphs;
    }

    private static void Resize(List<List<int>> paragraphs, int count)
    {
        while (paragraphs.Count > count)
        {
            int shortest = Enumerable.Range(0, paragraphs.Count - 1).MinBy(i => paragraphs[i].Count + paragraphs[i + 1].Count);
            paragraphs[shortest].AddRange(paragraphs[shortest + 1]);
            paragraphs.RemoveAt(shortest + 1);
        }

        while (paragraphs.Count < count)
        {
            int longest = Enumerable.Range(0, paragraphs.Count).MaxBy(i => paragraphs[i].Count);
            List<int> whole = paragraphs[longest];
            int half = whole.Count / 2;
            paragraphs[longest] = whole[..half];
            paragraphs.Insert(longest + 1, whole[half..]);
        }
    }
}
