namespace Clova.Wire;

/// <summary>The reranker's body: <c>query</c>, <c>documents</c>, optional <c>maxTokens</c>.</summary>
internal sealed class ClovaRerankRequest
{
    public string Query { get; set; } = "";

    public List<ClovaDocumentPayload> Documents { get; set; } = [];

    public int? MaxTokens { get; set; }
}
