namespace Clova.Wire;

/// <summary><c>{"id", "doc"}</c>: a document given to, and cited back by, the reranker.</summary>
internal sealed class ClovaDocumentPayload
{
    public string? Id { get; set; }

    public string? Doc { get; set; }
}
