using System.Globalization;
using Clova.Resilience;

namespace Clova;

/// <summary>
/// The connector's retry policy as a <see cref="DelegatingHandler"/>, for applications that build their own
/// <see cref="HttpClient"/> pipeline. When you pass such a client in <see cref="ClovaClientOptions.HttpClient"/>,
/// set <see cref="ClovaClientOptions.Retry"/>.<see cref="ClovaRetryOptions.Enabled"/> to false so requests are
/// not retried twice. The last failed response is returned as a response, as handlers do.
/// </summary>
public sealed class ClovaRetryHandler : DelegatingHandler
{
    private readonly ClovaRetryPolicy _policy;

    /// <summary>Initializes the handler.</summary>
    /// <param name="options">The policy; null for the defaults.</param>
    public ClovaRetryHandler(ClovaRetryOptions? options = null) => _policy = new ClovaRetryPolicy((options ?? new ClovaRetryOptions()).Validate());

    /// <summary>Initializes the handler around an inner handler.</summary>
    /// <param name="innerHandler">The next handler, such as a <see cref="SocketsHttpHandler"/>.</param>
    /// <param name="options">The policy; null for the defaults.</param>
    public ClovaRetryHandler(HttpMessageHandler innerHandler, ClovaRetryOptions? options = null)
        : this(options) => InnerHandler = innerHandler;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        await _policy.ExecuteAsync(
            (attempt, token) =>
            {
                request.Headers.Remove(ClovaRetryPolicy.AttemptHeader);
                request.Headers.TryAddWithoutValidation(ClovaRetryPolicy.AttemptHeader, attempt.ToString(CultureInfo.InvariantCulture));
                return new ValueTask<HttpResponseMessage>(base.SendAsync(request, token));
            },
            cancellationToken).ConfigureAwait(false);
}
