using System.Text.Json;
using Clova.Internal;
using Clova.Rules;
using Clova.Tools;
using Clova.Wire;

namespace Clova;

/// <summary>
/// CLOVA's segmentation (paragraph split) API (<c>/v1/api-tools/segmentation</c>), from
/// <see cref="ClovaClient.GetSegmenter"/>: splits a text into topical paragraphs of sentences, for chunking before
/// embedding. Same transport, retries, request ids and errors as chat.
/// </summary>
public sealed class ClovaSegmenter
{
    private readonly ClovaTransport _transport;
    private readonly ClovaApiPath _path;

    internal ClovaSegmenter(ClovaTransport transport, ClovaApiPath path)
    {
        _transport = transport;
        _path = path;
    }

    /// <summary>Splits <paramref name="text"/> (up to 120,000 characters) into paragraphs.</summary>
    /// <param name="text">The text. Sent as one string: the docs' table says "Array", but their example and every client send a string.</param>
    /// <param name="options">Split settings; null for CLOVA's defaults.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The paragraphs, their sentence spans and the input tokens.</returns>
    /// <exception cref="ArgumentException">The text is blank or too long, or an option is out of range.</exception>
    /// <exception cref="ClovaException">CLOVA refused the request or sent something unreadable.</exception>
    public async Task<ClovaSegmentation> SegmentAsync(string text, ClovaSegmentationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ClovaRuleBook.CheckSegmentation(text, options);
        string requestId = ClovaTransport.NewRequestId();
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(ToolMapper.ToClovaSegmentation(text, options), ClovaJson.Context.ClovaSegmentationRequest);
        ClovaSegmentationResult result = await _transport.PostJsonAsync(_path, body, ClovaJson.Context.ClovaSegmentationResult, requestId, cancellationToken).ConfigureAwait(false);
        return ToolMapper.FromClovaSegmentation(result, requestId);
    }

    /// <summary>Returns the endpoint; never a key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"ClovaSegmenter {{ Endpoint = {_transport.Endpoint} }}";
}
