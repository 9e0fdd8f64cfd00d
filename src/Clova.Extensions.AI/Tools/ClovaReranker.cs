using System.Text.Json;
using Clova.Internal;
using Clova.Rules;
using Clova.Tools;
using Clova.Wire;

namespace Clova;

/// <summary>
/// CLOVA's reranker (<c>/v1/api-tools/reranker</c>), from <see cref="ClovaClient.GetReranker"/>. It is an LLM that
/// reads the documents and answers the query citing the ones it used: it returns no relevance scores and no ranking of
/// the others, so the method is named for what it does. Same transport, retries, request ids and errors as chat.
/// </summary>
public sealed class ClovaReranker
{
    private readonly ClovaTransport _transport;

    internal ClovaReranker(ClovaTransport transport) => _transport = transport;

    /// <summary>Answers <paramref name="query"/> from <paramref name="documents"/>, citing the documents used.</summary>
    /// <param name="query">The question.</param>
    /// <param name="documents">The candidate documents (for example, the top hits of a vector search).</param>
    /// <param name="maxTokens">The answer's length limit, 1–4,096 (CLOVA's default 1,024), or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The answer, the cited documents in citation order, suggested queries when nothing answered, usage.</returns>
    /// <exception cref="ArgumentException">The query is blank, there are no documents, one lacks its id or text, or <paramref name="maxTokens"/> is out of range.</exception>
    /// <exception cref="ClovaException">CLOVA refused the request or sent something unreadable.</exception>
    public async Task<ClovaCitedAnswer> AnswerWithCitationsAsync(string query, IEnumerable<ClovaDocument> documents, int? maxTokens = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        List<ClovaDocument> list = [.. documents];
        ClovaRuleBook.CheckRerank(query, list, maxTokens);
        string requestId = ClovaTransport.NewRequestId();
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(ToolMapper.ToClovaRerank(query, list, maxTokens), ClovaJson.Context.ClovaRerankRequest);
        ClovaRerankResult result = await _transport.PostJsonAsync(ClovaApiPaths.Reranker, body, ClovaJson.Context.ClovaRerankResult, requestId, cancellationToken).ConfigureAwait(false);
        return ToolMapper.FromClovaRerank(result, list, requestId);
    }

    /// <summary>Returns the endpoint; never a key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"ClovaReranker {{ Endpoint = {_transport.Endpoint} }}";
}
