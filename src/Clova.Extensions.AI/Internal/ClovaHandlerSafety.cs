namespace Clova.Internal;

/// <summary>
/// Applies the connector's transport safety rules to a handler chain the caller hands in
/// (<see cref="ClovaClientOptions.HttpMessageHandler"/>): no automatic redirects, because .NET re-sends every header
/// but <c>Authorization</c> (so the legacy key pair) and the body to wherever a 3xx points; and no proxy for plain
/// http to loopback, because a proxy would read the key in clear text. Only the two primary handlers .NET ships are
/// known; any other primary handler is the caller's own code, and a redirect it follows is still reported.
/// </summary>
internal static class ClovaHandlerSafety
{
    // Deep enough for any real pipeline (IHttpClientFactory adds two or three), bounded against a cycle.
    private const int MaxChainDepth = 64;

    /// <summary>Walks to the primary handler and switches redirects (and, for plain loopback http, the proxy) off.</summary>
    /// <param name="handler">The first handler of the chain.</param>
    /// <param name="plainLoopback">Whether the endpoint is plain http (which validation allows only for loopback).</param>
    /// <exception cref="ArgumentException">The primary handler has already sent a request, so it can no longer be changed, and it would follow redirects or use a proxy.</exception>
    public static void Secure(HttpMessageHandler handler, bool plainLoopback)
    {
        HttpMessageHandler primary = handler;
        for (int depth = 0; primary is DelegatingHandler delegating; depth++)
        {
            if (delegating.InnerHandler is not { } inner)
            {
                throw new ArgumentException($"ClovaClientOptions.HttpMessageHandler: the delegating handler {delegating.GetType().Name} has no InnerHandler; end the chain with a SocketsHttpHandler.", nameof(ClovaClientOptions.HttpMessageHandler));
            }

            if (depth == MaxChainDepth)
            {
                throw new ArgumentException($"ClovaClientOptions.HttpMessageHandler is a chain of more than {MaxChainDepth} delegating handlers (a cycle?).", nameof(ClovaClientOptions.HttpMessageHandler));
            }

            primary = inner;
        }

        switch (primary)
        {
            case SocketsHttpHandler sockets:
                Apply(sockets.AllowAutoRedirect, () => sockets.AllowAutoRedirect = false, nameof(SocketsHttpHandler.AllowAutoRedirect));
                if (plainLoopback)
                {
                    Apply(sockets.UseProxy, () => sockets.UseProxy = false, nameof(SocketsHttpHandler.UseProxy));
                }

                break;
            case HttpClientHandler client:
                Apply(client.AllowAutoRedirect, () => client.AllowAutoRedirect = false, nameof(HttpClientHandler.AllowAutoRedirect));
                if (plainLoopback)
                {
                    Apply(client.UseProxy, () => client.UseProxy = false, nameof(HttpClientHandler.UseProxy));
                }

                break;
        }
    }

    private static void Apply(bool isOn, Action switchOff, string property)
    {
        if (!isOn)
        {
            return;
        }

        try
        {
            switchOff();
        }
        catch (ObjectDisposedException disposed)
        {
            // ObjectDisposedException is an InvalidOperationException: said for what it is, not as "already used".
            throw new ArgumentException("The handler given in ClovaClientOptions.HttpMessageHandler has been disposed; give a live one.", nameof(ClovaClientOptions.HttpMessageHandler), disposed);
        }
        catch (InvalidOperationException used)
        {
            // .NET freezes a handler's settings after its first request.
            throw new ArgumentException(
                $"The handler given in ClovaClientOptions.HttpMessageHandler has already sent a request, so its {property} can no longer be switched off. Set {property} = false on it before first use, or give a fresh handler.",
                nameof(ClovaClientOptions.HttpMessageHandler),
                used);
        }
    }
}
