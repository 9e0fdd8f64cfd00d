using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Clova.Resilience;
using Clova.Wire;

namespace Clova.Internal;

/// <summary>
/// Builds and sends every request of one <see cref="ClovaClient"/>: the address, credentials, request id and
/// attempt headers, the retry policy around each exchange, and the network timeout. Stateless per request, so safe
/// for concurrent use. Options are validated by <see cref="ClovaClientOptions.Validate"/>, envelopes read by
/// <see cref="ClovaEnvelopeReader"/>.
/// </summary>
internal sealed class ClovaTransport : IDisposable
{
    /// <summary>The content type of every request body.</summary>
    public static readonly MediaTypeHeaderValue JsonContentType = new(ClovaHeaders.Json) { CharSet = "utf-8" };

    private const int MaxCachedAddresses = 64;

    private readonly ClovaSettings _settings;
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly ClovaRetryPolicy _retry;
    private readonly string? _authorization;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    // Counted here because ConcurrentDictionary.Count takes every lock, and a full cache is asked on each new path.
    private int _cachedAddresses;
    private volatile bool _disposed;

    public ClovaTransport(ClovaSettings settings)
    {
        _settings = settings;
        Telemetry = new ClovaTelemetry(settings.LoggerFactory, settings.Endpoint.Host);
        _retry = new ClovaRetryPolicy(settings.Retry, Telemetry);
        // Built once: a header value object per request is garbage, and the key is sent as is (never parsed).
        _authorization = settings.BearerKey is { } bearer ? "Bearer " + bearer : null;
        // Redirects are refused: following one to another host would hand it the key. Plain http is allowed only
        // to loopback, and a proxy (HTTP_PROXY) would carry the key off the machine in clear text: no proxy then.
        bool plainLoopback = settings.Endpoint.Scheme == Uri.UriSchemeHttp;
        if (settings.HttpClient is { } http)
        {
            _http = http;
        }
        else if (settings.HttpMessageHandler is { } handler)
        {
            ClovaHandlerSafety.Secure(handler, plainLoopback);
            _http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
            _ownsHttpClient = true;
        }
        else
        {
            _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = !plainLoopback, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            _ownsHttpClient = true;
        }
    }

    public Uri Endpoint => _settings.Endpoint;

    public TimeSpan NetworkTimeout => _settings.NetworkTimeout;

    public TimeSpan StreamIdleTimeout => _settings.StreamIdleTimeout;

    public int MaxStreamEventBytes => _settings.MaxStreamEventBytes;

    /// <summary>Gets this client's logs and the connector's meter.</summary>
    public ClovaTelemetry Telemetry { get; }

    /// <summary>Gets whether the legacy key pair is in use (so api-tools paths need the app segment and app id).</summary>
    public bool UsesLegacyKeys => _settings.LegacyKey is not null;

    /// <summary>Gets the legacy gateway's app id, when configured.</summary>
    public string? LegacyAppId => _settings.LegacyAppId;

    /// <summary>Gets whether an app segment (<c>testapp</c>/<c>serviceapp</c>) is configured.</summary>
    public bool HasAppPath => _settings.PathPrefix.Length > 0;

    /// <summary>Gets the keys to redact from service text that reaches an exception.</summary>
    public ClovaSecrets Secrets => _settings.Secrets;

    public static string NewRequestId() => Guid.NewGuid().ToString("D");

    /// <summary>
    /// Sends a POST of <paramref name="body"/> (a fresh message per attempt, all with the same request id) and hands
    /// the successful response to <paramref name="onSuccess"/> inside the same retriable unit, so a failure while
    /// reading it (a broken connection, a 42901 as the first stream event) is retried like an HTTP 429. A final
    /// non-success status becomes a <see cref="ClovaException"/> saying how many attempts were made.
    /// </summary>
    public async Task<T> SendAsync<T>(ClovaApiPath apiPath, ClovaRequestBody body, string requestId, bool streaming, Func<HttpResponseMessage, int, CancellationToken, ValueTask<T>> onSuccess, CancellationToken cancellationToken)
    {
        // Said plainly, rather than as a transport failure retried against a disposed HttpClient.
        ObjectDisposedException.ThrowIf(_disposed, typeof(ClovaClient));
        T? value = default;
        int attempts = 0;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await _retry.ExecuteAsync(
            async (attempt, token) =>
            {
                attempts = attempt;
                using HttpRequestMessage request = CreatePost(apiPath, body, requestId, streaming, attempt);
                Uri target = request.RequestUri!;
                HttpResponseMessage sent;
                try
                {
                    sent = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                }
                catch (ObjectDisposedException e) when (!_disposed)
                {
                    // Ours is not disposed, so the caller's HttpClient or handler is: say so, not a bare framework error.
                    throw new ClovaException(
                        $"The HttpClient or HttpMessageHandler given in ClovaClientOptions has been disposed ({e.ObjectName}); a ClovaClient needs it for its whole life. Request id {requestId}.",
                        null, null, null, requestId, e);
                }

                if (sent.RequestMessage?.RequestUri is { } answered && Uri.Compare(answered, target, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
                {
                    // A caller's HttpClient followed a redirect (ours never does). Its answer is not CLOVA's; say so
                    // loudly, since the handler may already have resent the legacy key headers there.
                    sent.Dispose();
                    throw new ClovaException(
                        $"The request was redirected from {target.Host} to {answered.Host} by the HttpClient or handler given in ClovaClientOptions. Set AllowAutoRedirect = false on its handler: a redirect can carry the request to another host. Request id {requestId}.",
                        null, null, null, requestId);
                }

                if (!sent.IsSuccessStatusCode)
                {
                    return sent;
                }

                try
                {
                    value = await onSuccess(sent, attempt, token).ConfigureAwait(false);
                    return sent;
                }
                catch
                {
                    sent.Dispose();
                    throw;
                }
            },
            requestId,
            apiPath.Label,
            cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The last failure of the retried unit, thrown rather than answered: a ClovaException (a 42901 envelope or
            // first event, a body that could not be read) gets its true attempt count; a bare transport failure
            // (reset, refused, garbage before any headers) becomes one, keeping the original as inner.
            ClovaException final = ClovaErrors.Final(e, requestId, attempts, _settings.Endpoint.Host, System.Diagnostics.Stopwatch.GetElapsedTime(started), Secrets);
            Telemetry.Failed(apiPath.Label, final);
            throw final;
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                ClovaException error = await ClovaErrors.FromResponseAsync(response, requestId, cancellationToken, attempts, Secrets).ConfigureAwait(false);
                ClovaException final = ClovaErrors.Final(error, requestId, attempts, _settings.Endpoint.Host, System.Diagnostics.Stopwatch.GetElapsedTime(started), Secrets);
                Telemetry.Failed(apiPath.Label, final);
                throw final;
            }
        }

        Telemetry.Completed(requestId, apiPath.Label, attempts, System.Diagnostics.Stopwatch.GetElapsedTime(started));

        return value!;
    }

    /// <summary>
    /// Posts a JSON body and returns the envelope's <c>result</c>: the whole non-streaming exchange, with errors
    /// mapped to <see cref="ClovaException"/> and the <see cref="NetworkTimeout"/> applied. A
    /// <paramref name="fastReader"/> reads the result by hand where its metadata is too slow.
    /// </summary>
    public async Task<TResult> PostJsonAsync<TResult>(ClovaApiPath apiPath, ClovaRequestBody body, JsonTypeInfo<TResult> resultType, string requestId, CancellationToken cancellationToken, ClovaSpanResultReader<TResult>? fastReader = null)
        where TResult : class
    {
        using CancellationTokenSource timeout = CreateTimeoutSource(cancellationToken);
        try
        {
            return await SendAsync(
                apiPath,
                body,
                requestId,
                streaming: false,
                async (response, _, token) =>
                {
                    using (response)
                    {
                        return await ClovaEnvelopeReader.ReadResultAsync(response, resultType, requestId, token, Secrets, MaxStreamEventBytes, fastReader).ConfigureAwait(false);
                    }
                },
                timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw TranslateCancellation(e, cancellationToken, requestId);
        }
    }

    /// <summary>
    /// A token that fires when the caller cancels or <see cref="NetworkTimeout"/> passes. Dispose it when the
    /// request (for streaming: the whole stream) is over.
    /// </summary>
    public CancellationTokenSource CreateTimeoutSource(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (NetworkTimeout != Timeout.InfiniteTimeSpan)
        {
            source.CancelAfter(NetworkTimeout);
        }

        return source;
    }

    /// <summary>
    /// Rethrows a cancellation caused by <see cref="NetworkTimeout"/> (not by the caller) the way
    /// <see cref="HttpClient"/> reports its own timeout: a <see cref="TaskCanceledException"/> whose inner
    /// exception is a <see cref="TimeoutException"/>.
    /// </summary>
    public Exception TranslateCancellation(OperationCanceledException exception, CancellationToken callerToken, string requestId)
    {
        // The caller's own cancellation, or a timeout already described (the stream idle timeout).
        if (callerToken.IsCancellationRequested || exception.InnerException is TimeoutException)
        {
            return exception;
        }

        return new TaskCanceledException(
            $"The CLOVA Studio request {requestId} did not complete within ClovaClientOptions.NetworkTimeout ({NetworkTimeout}).",
            new TimeoutException($"NetworkTimeout of {NetworkTimeout} elapsed.", exception));
    }

    public void Dispose()
    {
        _disposed = true;
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private HttpRequestMessage CreatePost(ClovaApiPath apiPath, ClovaRequestBody body, string requestId, bool streaming, int attempt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, AddressOf(apiPath)) { Content = new ClovaBodyContent(body) };
        HttpRequestHeaders headers = request.Headers;
        if (_authorization is not null)
        {
            headers.TryAddWithoutValidation(ClovaHeaders.Authorization, _authorization);
        }
        else
        {
            headers.TryAddWithoutValidation(ClovaHeaders.LegacyApiKey, _settings.LegacyKey);
            headers.TryAddWithoutValidation(ClovaHeaders.LegacyGatewayKey, _settings.LegacyGatewayKey);
        }

        headers.TryAddWithoutValidation(ClovaHeaders.RequestId, requestId);
        headers.TryAddWithoutValidation(ClovaRetryPolicy.AttemptHeader, attempt.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(ClovaHeaders.Accept, streaming ? ClovaHeaders.EventStream : ClovaHeaders.Json);
        return request;
    }

    /// <summary>
    /// The absolute address of a path, built once per path: a client calls the same few paths over and over. The
    /// cache is bounded (task and app ids make paths, and a process could use many), after which addresses are built
    /// per request as before.
    /// </summary>
    private Uri AddressOf(ClovaApiPath apiPath)
    {
        if (_uris.TryGetValue(apiPath.Path, out Uri? known))
        {
            return known;
        }

        var address = new Uri(_settings.Endpoint, _settings.PathPrefix + apiPath.Path);
        if (Volatile.Read(ref _cachedAddresses) < MaxCachedAddresses && _uris.TryAdd(apiPath.Path, address))
        {
            Interlocked.Increment(ref _cachedAddresses);
        }

        return address;
    }
}
