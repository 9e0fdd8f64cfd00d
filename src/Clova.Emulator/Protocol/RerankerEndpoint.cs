using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// <c>POST /v1/api-tools/reranker</c>: answers the query from the documents that share the most word stems with it
/// (up to three, most shared first, then input order), quoting each one's sentence closest to the query in a positional
/// <c>&lt;docN&gt;</c> tag as the docs' example does, and echoes those documents in <c>citedDocuments</c>. When no
/// document shares a word, the answer says so, <c>citedDocuments</c> is empty and two <c>suggestedQueries</c> are made.
/// </summary>
internal static class RerankerEndpoint
{
    private const int MaxInputTokens = 128_000;
    private static readonly HashSet<string> Fields = ["query", "documents", "maxTokens"];

    public static Task HandleAsync(HttpContext context, string body)
    {
        LegacyGateway.Refuse(context, "the reranker");
        JsonObject root = RequestBody.Parse(body, Fields);
        string query = RequestBody.RequiredText(root, "query");
        RequestBody.Long(root, "maxTokens", 1, 4096);
        if (root["documents"] is not JsonArray array || array.Count == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: documents must be a non-empty array of {id, doc}");
        }

        var documents = new List<(string Id, string Doc)>();
        foreach (JsonNode? item in array)
        {
            if (item is not JsonObject document || EmulatorJson.StringOf(document["id"]) is not { } id || EmulatorJson.StringOf(document["doc"]) is not { } doc
                || document.Count != 2)
            {
                throw new ClovaApiError("40001", "Invalid parameter: each document must be {\"id\": string, \"doc\": string}");
            }

            documents.Add((id, doc));
        }

        int promptTokens = EmulatorTokenizer.Count(query) + documents.Sum(d => EmulatorTokenizer.Count(d.Doc) + EmulatorTokenizer.TurnTokens);
        if (promptTokens > MaxInputTokens)
        {
            throw new ClovaApiError("40003", $"Context length exceeded: {promptTokens} tokens of input, the reranker takes up to {MaxInputTokens}");
        }

        HashSet<string> asked = TextUnits.Stems(query);
        var cited = documents
            .Select((d, i) => (d.Id, d.Doc, Index: i, Score: TextUnits.Shared(asked, d.Doc)))
            .Where(d => d.Score > 0)
            .OrderByDescending(d => d.Score).ThenBy(d => d.Index)
            .Take(3)
            .ToList();

        string answer;
        var suggested = new JsonArray();
        if (cited.Count == 0)
        {
            answer = "답변: 주어진 문서에서 답을 찾지 못했습니다.";
            string topic = TextUnits.Words(query).FirstOrDefault() ?? query;
            suggested.Add((JsonNode)$"{topic}에 대해 더 알려 주세요");
            suggested.Add((JsonNode)$"{topic} 관련 안내는 어디에 있나요?");
        }
        else
        {
            answer = "답변: " + string.Join(" ", cited.Select((d, n) => $"<doc{n + 1}>{TextUnits.BestSentence(asked, d.Doc)}</doc{n + 1}>"));
        }

        var citedDocuments = new JsonArray(cited.Select(d => (JsonNode)new JsonObject { ["id"] = d.Id, ["doc"] = d.Doc }).ToArray());
        int completionTokens = EmulatorTokenizer.Count(answer);
        return JsonResponse.OkAsync(context, new JsonObject
        {
            ["result"] = answer,
            ["citedDocuments"] = citedDocuments,
            ["suggestedQueries"] = suggested,
            ["usage"] = Usage.Of(promptTokens, completionTokens),
        });
    }
}
