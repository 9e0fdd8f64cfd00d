using System.Text.Json;
using Clova.Internal;
using Clova.Rules;
using Clova.Tools;
using Clova.Wire;

namespace Clova;

/// <summary>
/// CLOVA's summarization API (<c>/v1/api-tools/summarization/v2</c>), from <see cref="ClovaClient.GetSummarizer"/>.
/// Same transport, retries, request ids and errors as chat.
/// </summary>
public sealed class ClovaSummarizer
{
    private readonly ClovaTransport _transport;
    private readonly ClovaApiPath _path;

    internal ClovaSummarizer(ClovaTransport transport, ClovaApiPath path)
    {
        _transport = transport;
        _path = path;
    }

    /// <summary>Summarises <paramref name="texts"/> (up to 35,000 characters in total, spaces included).</summary>
    /// <param name="texts">The texts. How CLOVA combines several is not documented; one text is the documented use.</param>
    /// <param name="options">Segmentation settings; null for CLOVA's defaults.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The summary and the input tokens.</returns>
    /// <exception cref="ArgumentException">No text, a null text, more than 35,000 characters, or an option out of range.</exception>
    /// <exception cref="ClovaException">CLOVA refused the request or sent something unreadable.</exception>
    public async Task<ClovaSummary> SummarizeAsync(IEnumerable<string> texts, ClovaSummarizationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        List<string> list = [.. texts];
        ClovaRuleBook.CheckSummarization(list, options);
        string requestId = ClovaTransport.NewRequestId();
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(ToolMapper.ToClovaSummarization(list, options), ClovaJson.Context.ClovaSummarizationRequest);
        ClovaSummaryResult result = await _transport.PostJsonAsync(_path, body, ClovaJson.Context.ClovaSummaryResult, requestId, cancellationToken).ConfigureAwait(false);
        return ToolMapper.FromClovaSummary(result, requestId);
    }

    /// <summary>Summarises one text.</summary>
    /// <param name="text">The text, up to 35,000 characters.</param>
    /// <param name="options">Segmentation settings; null for CLOVA's defaults.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The summary and the input tokens.</returns>
    public Task<ClovaSummary> SummarizeAsync(string text, ClovaSummarizationOptions? options = null, CancellationToken cancellationToken = default) =>
        SummarizeAsync([text], options, cancellationToken);

    /// <summary>Returns the endpoint; never a key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"ClovaSummarizer {{ Endpoint = {_transport.Endpoint} }}";
}
