using System.Net.Http.Headers;

namespace Clova.Benchmarks;

/// <summary>Serves the same bytes to every request from memory, so only client-side work is measured.</summary>
internal sealed class CannedHandler(byte[] body, string mediaType) : HttpMessageHandler
{
    private readonly MediaTypeHeaderValue _type = new(mediaType);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = _type } },
            RequestMessage = request,
        });
}
