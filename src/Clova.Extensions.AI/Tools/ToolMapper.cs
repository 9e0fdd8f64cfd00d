using System.Text.Json;
using Clova.Chat;
using Clova.Internal;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Tools;

/// <summary>
/// Pure mapping between the RAG tools' public types and their wire forms (<c>ToClova…</c> / <c>FromClova…</c>).
/// Reading validates: a missing answer, a null entry or an impossible count is a <see cref="ClovaException"/>.
/// </summary>
internal static class ToolMapper
{
    public static ClovaRerankRequest ToClovaRerank(string query, IReadOnlyList<ClovaDocument> documents, int? maxTokens)
    {
        var payload = new List<ClovaDocumentPayload>(documents.Count);
        foreach (ClovaDocument document in documents)
        {
            payload.Add(new ClovaDocumentPayload { Id = document.Id, Doc = document.Text });
        }

        return new ClovaRerankRequest { Query = query, Documents = payload, MaxTokens = maxTokens };
    }

    public static ClovaCitedAnswer FromClovaRerank(ClovaRerankResult result, IReadOnlyList<ClovaDocument> sent, string requestId)
    {
        var cited = new List<ClovaDocument>(result.CitedDocuments?.Count ?? 0);
        foreach (ClovaDocumentPayload? document in result.CitedDocuments ?? [])
        {
            if (document is not { Id: { } id, Doc: not null })
            {
                throw ClovaErrors.Protocol("a cited document is null or lacks its id or doc", requestId);
            }

            // The caller's own document, found by id: the answer may cite only what was sent, and nothing the
            // service rewrote is passed off as the caller's text.
            cited.Add(FindSent(sent, id) ?? throw ClovaErrors.Protocol($"a cited document has the id '{id}', which is not one of the documents sent", requestId));
        }

        return new ClovaCitedAnswer
        {
            Answer = result.Result ?? throw ClovaErrors.Protocol("the reranker result has no answer (result)", requestId),
            CitedDocuments = cited,
            SuggestedQueries = Strings(result.SuggestedQueries, "suggestedQueries", requestId),
            Usage = Usage(result.Usage, requestId),
            RequestId = requestId,
        };
    }

    private static ClovaDocument? FindSent(IReadOnlyList<ClovaDocument> sent, string id)
    {
        foreach (ClovaDocument document in sent)
        {
            if (string.Equals(document.Id, id, StringComparison.Ordinal))
            {
                return document;
            }
        }

        return null;
    }

    public static ClovaSummarizationRequest ToClovaSummarization(IReadOnlyList<string> texts, ClovaSummarizationOptions? options) => new()
    {
        Texts = [.. texts],
        AutoSentenceSplitter = options?.AutoSentenceSplitter,
        SegCount = options?.SegmentCount,
        SegMaxSize = options?.SegmentMaxSize,
        SegMinSize = options?.SegmentMinSize,
        IncludeAiFilters = options?.IncludeAiFilters,
    };

    public static ClovaSummary FromClovaSummary(ClovaSummaryResult result, string requestId) => new()
    {
        Text = result.Text ?? throw ClovaErrors.Protocol("the summarization result has no text", requestId),
        InputTokens = Count(result.InputTokens, "inputTokens", requestId),
        RequestId = requestId,
    };

    public static ClovaSegmentationRequest ToClovaSegmentation(string text, ClovaSegmentationOptions? options) => new()
    {
        Text = text,
        Alpha = options?.Alpha,
        SegCnt = options?.SegmentCount,
        PostProcess = options?.PostProcess,
        PostProcessMaxSize = options?.PostProcessMaxSize,
        PostProcessMinSize = options?.PostProcessMinSize,
    };

    public static ClovaSegmentation FromClovaSegmentation(ClovaSegmentationResult result, string requestId)
    {
        var paragraphs = new List<IReadOnlyList<string>>(result.TopicSeg?.Count ?? 0);
        foreach (List<string?>? paragraph in result.TopicSeg ?? throw ClovaErrors.Protocol("the segmentation result has no topicSeg", requestId))
        {
            paragraphs.Add(Strings(paragraph ?? throw ClovaErrors.Protocol("topicSeg holds a null paragraph", requestId), "topicSeg", requestId));
        }

        var spans = new List<IReadOnlyList<int>>(result.Span?.Count ?? 0);
        foreach (List<int>? span in result.Span ?? [])
        {
            spans.Add(span is null ? throw ClovaErrors.Protocol("span holds a null entry", requestId)
                : span.Exists(index => index < 0) ? throw ClovaErrors.Protocol("span holds a negative sentence index", requestId)
                : span);
        }

        if (spans.Count != 0 && spans.Count != paragraphs.Count)
        {
            throw ClovaErrors.Protocol($"span has {spans.Count} entries for {paragraphs.Count} paragraphs", requestId);
        }

        int sentences = paragraphs.Sum(p => p.Count);
        if (spans.Exists(span => span.Any(index => index >= sentences)))
        {
            throw ClovaErrors.Protocol($"span points past the {sentences} sentences of topicSeg", requestId);
        }

        return new ClovaSegmentation { Paragraphs = paragraphs, Spans = spans, InputTokens = Count(result.InputTokens, "inputTokens", requestId), RequestId = requestId };
    }

    public static ClovaRouterRequest ToClovaRoute(string query, IEnumerable<ChatMessage>? history)
    {
        List<ClovaRouterTurn>? turns = null;
        foreach (ChatMessage message in history ?? [])
        {
            // The router reads the user's earlier questions only; its API has no other role.
            if (message.Role == ChatRole.User && message.Text is { Length: > 0 } text)
            {
                (turns ??= []).Add(new ClovaRouterTurn { Content = text });
            }
        }

        return new ClovaRouterRequest { Query = query, ChatHistory = turns };
    }

    public static ClovaRoute FromClovaRoute(ClovaRouterResult result, string requestId) => new()
    {
        Domain = result.Domain?.Result is { Length: > 0 } domain ? domain : null,
        DomainCalled = result.Domain?.Called ?? false,
        BlockedContent = Strings(result.BlockedContent?.Result, "blockedContent.result", requestId),
        BlockedContentCalled = result.BlockedContent?.Called ?? false,
        Safety = Strings(result.Safety?.Result, "safety.result", requestId),
        SafetyCalled = result.Safety?.Called ?? false,
        Usage = Usage(result.Usage, requestId),
        RequestId = requestId,
    };

    private static List<string> Strings(List<string?>? values, string field, string requestId)
    {
        var list = new List<string>(values?.Count ?? 0);
        foreach (string? value in values ?? [])
        {
            list.Add(value ?? throw ClovaErrors.Protocol($"{field} holds a null entry", requestId));
        }

        return list;
    }

    private static int? Count(int? value, string field, string requestId)
    {
        try
        {
            return ClovaWireChecks.Count(value, field);
        }
        catch (JsonException e)
        {
            throw ClovaErrors.Protocol(e.Message, requestId, e);
        }
    }

    private static UsageDetails? Usage(ClovaUsage? usage, string requestId)
    {
        try
        {
            return ChatResponseMapper.FromClovaUsage(ClovaWireChecks.Usage(usage));
        }
        catch (JsonException e)
        {
            throw ClovaErrors.Protocol(e.Message, requestId, e);
        }
    }
}
