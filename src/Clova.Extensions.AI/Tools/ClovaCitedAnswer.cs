using Microsoft.Extensions.AI;

namespace Clova;

/// <summary>
/// What CLOVA's reranker gives back. Despite its name it does not score or rank every document: it reads them, writes
/// an answer citing the ones it used, and lists those (in citation order).
/// </summary>
public sealed class ClovaCitedAnswer
{
    /// <summary>Gets the generated answer, with cited spans in tags as CLOVA writes them (the docs show <c>&lt;doc1&gt;…&lt;/doc1&gt;</c>).</summary>
    public required string Answer { get; init; }

    /// <summary>Gets the documents the answer cites, with the caller's ids and full texts, in citation order; empty when nothing answered the query.</summary>
    public required IReadOnlyList<ClovaDocument> CitedDocuments { get; init; }

    /// <summary>Gets the queries CLOVA suggests when the documents held no answer; empty otherwise.</summary>
    public required IReadOnlyList<string> SuggestedQueries { get; init; }

    /// <summary>Gets the tokens read and written, or null when the service sent none.</summary>
    public UsageDetails? Usage { get; init; }

    /// <summary>Gets the request id the connector sent.</summary>
    public required string RequestId { get; init; }
}
