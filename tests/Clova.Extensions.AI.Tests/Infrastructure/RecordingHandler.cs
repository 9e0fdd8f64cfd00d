using System.Net;
using System.Text;

namespace Clova.Tests.Infrastructure;

/// <summary>
/// An in-memory <see cref="HttpMessageHandler"/> that records what the client sends and answers with a canned
/// body: for exact-request-JSON tests and for replaying recorded wire payloads.
/// </summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

    public RecordingHandler(string body, string mediaType = "application/json", HttpStatusCode status = HttpStatusCode.OK)
        : this(_ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) })
    {
    }

    public RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) => _respond = respond;

    public List<(HttpRequestMessage Request, byte[] Body)> Requests { get; } = [];

    public string LastBody => Encoding.UTF8.GetString(Requests[^1].Body);

    public HttpRequestMessage LastRequest => Requests[^1].Request;

    /// <summary>Gets whether the handler has been disposed (an HttpClient passed in by the caller must not be).</summary>
    public bool Disposed { get; private set; }

    /// <summary>A client with the test key that sends through <paramref name="handler"/>.</summary>
    /// <param name="handler">The handler.</param>
    /// <param name="configure">Further options, applied last.</param>
    /// <returns>The client.</returns>
    public static ClovaClient Client(RecordingHandler handler, Action<ClovaClientOptions>? configure = null)
    {
        var options = new ClovaClientOptions { ApiKey = EmulatorSession.Key, HttpMessageHandler = handler };
        configure?.Invoke(options);
        return new ClovaClient(options);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Add((request, body));
        return _respond(request);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
