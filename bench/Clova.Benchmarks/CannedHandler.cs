using System.Net.Http.Headers;

namespace Clova.Benchmarks;

/// <summary>
/// Serves the same bytes to every request from memory, so only client-side work is measured. The request body is
/// read to the end first, as every real transport does: a client that serialises its request lazily (the OpenAI
/// SDK writes its body only when the transport asks for it) must pay for it here too.
/// </summary>
internal sealed class CannedHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    private readonly MediaTypeHeaderValue _type = new(mediaType);

    /// <summary>Bytes of request bodies read so far; checked by the benchmarks' set-up that bodies are really written.</summary>
    public long RequestBytes { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            var sink = new CountingSink();
            await content.CopyToAsync(sink, cancellationToken).ConfigureAwait(false);
            RequestBytes += sink.Length;
        }

        return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = _type } },
            RequestMessage = request,
        };
    }
}
