namespace Clova;

/// <summary>A document for the reranker (or returned by a RAG search function): the caller's id and its text.</summary>
/// <param name="Id">The caller's id; CLOVA echoes it back for the documents it cites.</param>
/// <param name="Text">The document text (CLOVA's <c>doc</c>).</param>
public sealed record ClovaDocument(string Id, string Text);
