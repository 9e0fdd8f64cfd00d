using System.Text.Json;
using System.Text.Json.Nodes;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Tools;

/// <summary>
/// CLOVA's summarization, segmentation and reranker as <see cref="AIFunction"/>s, so any <see cref="IChatClient"/>
/// with function invocation can use them as tools. Results are JSON the model can read.
/// </summary>
internal static class ClovaToolFunctions
{
    public static IReadOnlyList<AIFunction> Create(ClovaSummarizer summarizer, ClovaSegmenter segmenter, ClovaReranker? reranker)
    {
        var functions = new List<AIFunction>
        {
            new ClovaToolFunction(
                "clova_summarize",
                "Summarises a Korean or English text of up to 35,000 characters with CLOVA Studio.",
                """{"type":"object","properties":{"text":{"type":"string","description":"The text to summarise."}},"required":["text"]}""",
                async (arguments, token) => (await summarizer.SummarizeAsync(ClovaToolFunction.RequiredString(arguments, "text"), cancellationToken: token).ConfigureAwait(false)).Text),
            new ClovaToolFunction(
                "clova_segment",
                "Splits a text of up to 120,000 characters into topical paragraphs with CLOVA Studio; returns the paragraphs.",
                """{"type":"object","properties":{"text":{"type":"string","description":"The text to split."}},"required":["text"]}""",
                async (arguments, token) =>
                {
                    ClovaSegmentation segmentation = await segmenter.SegmentAsync(ClovaToolFunction.RequiredString(arguments, "text"), cancellationToken: token).ConfigureAwait(false);
                    var paragraphs = new JsonArray();
                    foreach (IReadOnlyList<string> paragraph in segmentation.Paragraphs)
                    {
                        paragraphs.Add((JsonNode)JsonValue.Create(string.Join(" ", paragraph)));
                    }

                    return Element(paragraphs);
                }),
        };

        if (reranker is not null)
        {
            functions.Add(new ClovaToolFunction(
                "clova_answer_with_citations",
                "Answers a question from the given documents with CLOVA Studio's reranker, citing the documents it used.",
                """{"type":"object","properties":{"query":{"type":"string","description":"The question."},"documents":{"type":"array","description":"The candidate documents.","items":{"type":"object","properties":{"id":{"type":"string"},"text":{"type":"string"}},"required":["id","text"]}}},"required":["query","documents"]}""",
                async (arguments, token) =>
                {
                    ClovaCitedAnswer answer = await reranker.AnswerWithCitationsAsync(ClovaToolFunction.RequiredString(arguments, "query"), Documents(arguments), cancellationToken: token).ConfigureAwait(false);
                    var cited = new JsonArray();
                    foreach (ClovaDocument document in answer.CitedDocuments)
                    {
                        cited.Add((JsonNode)new JsonObject { ["id"] = document.Id, ["text"] = document.Text });
                    }

                    return Element(new JsonObject { ["answer"] = answer.Answer, ["citedDocuments"] = cited });
                }));
        }

        return functions;
    }

    private static List<ClovaDocument> Documents(AIFunctionArguments arguments)
    {
        try
        {
            return ReadDocuments(arguments);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // A model wrote the arguments: any wrong shape is the caller's bad input, said plainly.
            throw new ArgumentException($"The 'documents' argument must be an array of {{\"id\": string, \"text\": string}} ({e.Message}).", "documents", e);
        }
    }

    private static List<ClovaDocument> ReadDocuments(AIFunctionArguments arguments)
    {
        JsonElement array = arguments.TryGetValue("documents", out object? value) switch
        {
            true when value is JsonElement { ValueKind: JsonValueKind.Array } e => e,
            true when value is string json => JsonDocument.Parse(json).RootElement,
            _ => throw new ArgumentException("The 'documents' argument is required: an array of {id, text}.", "documents"),
        };

        var documents = new List<ClovaDocument>();
        foreach (JsonElement item in array.EnumerateArray())
        {
            string? id = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("id", out JsonElement i) ? i.ToString() : null;
            string? text = item.ValueKind == JsonValueKind.Object && (item.TryGetProperty("text", out JsonElement t) || item.TryGetProperty("doc", out t)) ? t.GetString() : null;
            documents.Add(new ClovaDocument(id ?? "", text ?? ""));
        }

        return documents;
    }

    private static JsonElement Element(JsonNode node) => JsonSerializer.SerializeToElement(node, ClovaJson.Context.JsonNode);
}
