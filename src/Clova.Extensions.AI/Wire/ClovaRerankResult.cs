namespace Clova.Wire;

/// <summary>The reranker's <c>result</c>: the answer, the cited documents, suggested queries and usage.</summary>
internal sealed class ClovaRerankResult
{
    public string? Result { get; set; }

    public List<ClovaDocumentPayload?>? CitedDocuments { get; set; }

    public List<string?>? SuggestedQueries { get; set; }

    public ClovaUsage? Usage { get; set; }
}
