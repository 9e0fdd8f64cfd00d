using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// <c>POST /v1/api-tools/rag-reasoning</c>: a v3-shaped chat body with required <c>tools</c> and its own ranges
/// (<c>maxTokens</c> 1024–4095, <c>topK</c> 0–128…), answered in JSON only. While the last turn is the user's, it calls
/// the first tool (or the one <c>toolChoice</c> forces) with <c>{"query": the question}</c>, arguments as an object.
/// After a tool result, which must be <c>{"search_result":[{"id","doc"}]}</c>, it answers citing the documents that
/// share the most word stems with the question (at least the first), each one's closest sentence quoted in a tag named
/// by its id.
/// </summary>
internal static class RagReasoningEndpoint
{
    private static readonly HashSet<string> Fields =
        ["messages", "tools", "toolChoice", "topP", "topK", "maxTokens", "temperature", "repetitionPenalty", "stop", "seed", "includeAiFilters"];

    public static Task HandleAsync(HttpContext context, string body)
    {
        LegacyGateway.Refuse(context, "RAG reasoning");
        JsonObject root = RequestBody.Parse(body, Fields);
        List<ChatTurn> turns = MessageReader.ReadV3(root["messages"]);
        List<ToolDefinition> tools = ToolAndFormatRules.ReadTools(root["tools"]);
        if (tools.Count == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: tools is required for RAG reasoning");
        }

        (string? mode, string? forced) = ToolAndFormatRules.ReadToolChoice(root["toolChoice"], tools);
        RequestBody.Number(root, "topP", 0, 1, minInclusive: false);
        RequestBody.Long(root, "topK", 0, 128);
        RequestBody.Long(root, "maxTokens", 1024, 4095);
        RequestBody.Number(root, "temperature", 0, 1, minInclusive: true);
        RequestBody.Number(root, "repetitionPenalty", 0, 2, minInclusive: false);
        RequestBody.Long(root, "seed", 0, uint.MaxValue);
        RequestBody.Strings(root, "stop");
        RequestBody.Boolean(root, "includeAiFilters");

        string question = turns.LastOrDefault(t => t.Role == "user")?.Text ?? "";
        ChatTurn last = turns[^1];
        var message = new JsonObject { ["role"] = "assistant" };
        string finishReason;
        if (last.Role == "user" && mode != "none")
        {
            ToolDefinition tool = tools.First(t => forced is null || t.Name == forced);
            message["content"] = "";
            message["toolCalls"] = new JsonArray(new JsonObject
            {
                ["id"] = $"call_rag_{turns.Count}",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = tool.Name, ["arguments"] = new JsonObject { ["query"] = question } },
            });
            finishReason = "tool_calls";
        }
        else
        {
            message["content"] = last.Role == "tool" ? Answer(question, SearchResults(last)) : "답변: 검색 결과 없이는 답할 수 없습니다.";
            finishReason = "stop";
        }

        int promptTokens = EmulatorTokenizer.CountPrompt(turns);
        int completionTokens = EmulatorTokenizer.Count(EmulatorJson.StringOf(message["content"]) ?? "");
        return JsonResponse.OkAsync(context, new JsonObject
        {
            ["message"] = message,
            ["finishReason"] = finishReason,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["usage"] = Usage.Of(promptTokens, completionTokens),
        });
    }

    private static List<(string Id, string Doc)> SearchResults(ChatTurn tool)
    {
        try
        {
            if (JsonNode.Parse(tool.Text)?["search_result"] is JsonArray results)
            {
                var documents = new List<(string, string)>();
                foreach (JsonNode? item in results)
                {
                    if (item is JsonObject result && result["id"] is JsonValue id && EmulatorJson.StringOf(result["doc"]) is { } doc)
                    {
                        documents.Add((id.ToString(), doc));
                    }
                }

                return documents;
            }
        }
        catch (JsonException)
        {
        }

        throw new ClovaApiError("40001", $"Invalid parameter: the tool message for {tool.ToolCallId} must be a JSON string {{\"search_result\":[{{\"id\",\"doc\"}}]}}");
    }

    private static string Answer(string question, List<(string Id, string Doc)> documents)
    {
        if (documents.Count == 0)
        {
            return "답변: 검색 결과에서 답을 찾지 못했습니다.";
        }

        HashSet<string> asked = TextUnits.Stems(question);
        var cited = documents
            .Select((d, i) => (d.Id, d.Doc, Index: i, Score: TextUnits.Shared(asked, d.Doc)))
            .OrderByDescending(d => d.Score).ThenBy(d => d.Index)
            .Where((d, rank) => rank == 0 || d.Score > 0)
            .Take(2);
        return "답변: " + string.Join(" ", cited.Select(d => $"<{d.Id}>{TextUnits.BestSentence(asked, d.Doc)}</{d.Id}>"));
    }
}
