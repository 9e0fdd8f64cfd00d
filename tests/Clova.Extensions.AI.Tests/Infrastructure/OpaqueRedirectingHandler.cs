namespace Clova.Tests.Infrastructure;

/// <summary>
/// A primary handler of a type the connector does not know, which follows redirects inside (as a caller's own
/// transport might): the connector cannot switch that off, so it must still notice the redirect afterwards.
/// </summary>
internal sealed class OpaqueRedirectingHandler : HttpMessageHandler
{
    private readonly HttpMessageInvoker _inner = new(new SocketsHttpHandler { AllowAutoRedirect = true, UseProxy = false });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _inner.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
