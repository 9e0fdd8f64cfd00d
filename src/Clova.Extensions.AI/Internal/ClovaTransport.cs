using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Clova.Wire;

namespace Clova.Internal;

/// <summary>
/// Owns the HTTP side shared by every client of one <see cref="ClovaClient"/>: the base address, credentials,
/// request ids and the timeout. Stateless per request, so safe for concurrent use.
/// </summary>
internal sealed class ClovaTransport : IDisposable
{
    /// <summary>The content type of every request body.</summary>
    public static readonly MediaTypeHeaderValue JsonContentType = new(ClovaHeaders.Json) { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly string? _bearerKey;
    private readonly string? _legacyKey;
    private readonly string? _legacyGatewayKey;
    private readonly string _pathPrefix;

    public ClovaTransport(ClovaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Endpoint = ValidateEndpoint(options.Endpoint);
        NetworkTimeout = ValidateTimeout(options.NetworkTimeout);
        (_bearerKey, _legacyKey, _legacyGatewayKey) = ValidateCredentials(options);
        _pathPrefix = NormaliseAppPath(options.AppPath);

        if (options.HttpClient is { } http)
        {
            _http = http;
        }
        else
        {
            // Redirects are refused: following one to another host would hand it the key.
            _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            _ownsHttpClient = true;
        }
    }

    public Uri Endpoint { get; }

    public TimeSpan NetworkTimeout { get; }

    /// <summary>Builds the address of an API path such as <c>v3/chat-completions/HCX-007</c>, with the app segment.</summary>
    public Uri GetUri(string apiPath) => new(Endpoint, _pathPrefix + apiPath);

    public static string NewRequestId() => Guid.NewGuid().ToString("D");

    public HttpRequestMessage CreatePost(string apiPath, HttpContent content, string requestId, bool streaming)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, GetUri(apiPath)) { Content = content };
        if (_bearerKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bearerKey);
        }
        else
        {
            request.Headers.TryAddWithoutValidation(ClovaHeaders.LegacyApiKey, _legacyKey);
            request.Headers.TryAddWithoutValidation(ClovaHeaders.LegacyGatewayKey, _legacyGatewayKey);
        }

        request.Headers.TryAddWithoutValidation(ClovaHeaders.RequestId, requestId);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(streaming ? ClovaHeaders.EventStream : ClovaHeaders.Json));
        return request;
    }

    /// <summary>
    /// Sends the request and returns the response once its headers have arrived; a non-success status becomes a
    /// <see cref="ClovaException"/>. The caller disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string requestId, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ClovaErrors.FromResponseAsync(response, requestId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Posts a JSON body and returns the envelope's <c>result</c>: the whole non-streaming exchange, with errors
    /// mapped to <see cref="ClovaException"/> and the <see cref="NetworkTimeout"/> applied.
    /// </summary>
    public async Task<TResult> PostJsonAsync<TResult>(string apiPath, byte[] body, JsonTypeInfo<ClovaResponseEnvelope<TResult>> envelopeType, string requestId, CancellationToken cancellationToken)
        where TResult : class
    {
        using CancellationTokenSource timeout = CreateTimeoutSource(cancellationToken);
        try
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonContentType;
            using HttpRequestMessage request = CreatePost(apiPath, content, requestId, streaming: false);
            using HttpResponseMessage response = await SendAsync(request, requestId, timeout.Token).ConfigureAwait(false);
            return await ReadResultAsync(response, envelopeType, requestId, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw TranslateCancellation(e, cancellationToken, requestId);
        }
    }

    /// <summary>Reads a JSON envelope; an error code inside a 200, an empty body or a missing result is an error.</summary>
    public static async Task<TResult> ReadResultAsync<TResult>(HttpResponseMessage response, JsonTypeInfo<ClovaResponseEnvelope<TResult>> envelopeType, string requestId, CancellationToken cancellationToken)
        where TResult : class
    {
        ClovaResponseEnvelope<TResult>? envelope;
        try
        {
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            envelope = await JsonSerializer.DeserializeAsync(body, envelopeType, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw ClovaErrors.Protocol($"the body is not a CLOVA JSON envelope ({e.Message})", requestId, e);
        }

        if (envelope is null)
        {
            throw ClovaErrors.Protocol("the body is empty", requestId);
        }

        if (envelope.Status?.Code is { } code && code != ClovaStatus.OkCode)
        {
            throw ClovaErrors.FromStatus(ClovaErrors.StatusFromErrorCode(code) ?? response.StatusCode, envelope.Status, requestId);
        }

        return envelope.Result ?? throw ClovaErrors.Protocol("the envelope has no result", requestId);
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
        if (callerToken.IsCancellationRequested)
        {
            return exception;
        }

        return new TaskCanceledException(
            $"The CLOVA Studio request {requestId} did not complete within ClovaClientOptions.NetworkTimeout ({NetworkTimeout}).",
            new TimeoutException($"NetworkTimeout of {NetworkTimeout} elapsed.", exception));
    }

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private static Uri ValidateEndpoint(Uri? endpoint)
    {
        if (endpoint is null || !endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("ClovaClientOptions.Endpoint must be an absolute URI such as https://clovastudio.stream.ntruss.com/.", nameof(ClovaClientOptions.Endpoint));
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback)
        {
            throw new ArgumentException(
                $"ClovaClientOptions.Endpoint '{endpoint.GetLeftPart(UriPartial.Authority)}' uses plain http: the API key would travel in clear text. Use https, or http only for a loopback address (an emulator).",
                nameof(ClovaClientOptions.Endpoint));
        }

        if (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"ClovaClientOptions.Endpoint must use https, not '{endpoint.Scheme}'.", nameof(ClovaClientOptions.Endpoint));
        }

        // A base without a trailing slash would make relative paths replace its last segment.
        return endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
    }

    private static TimeSpan ValidateTimeout(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || timeout > TimeSpan.Zero
            ? timeout
            : throw new ArgumentOutOfRangeException(nameof(ClovaClientOptions.NetworkTimeout), timeout, "ClovaClientOptions.NetworkTimeout must be positive or Timeout.InfiniteTimeSpan.");

    private static (string? Bearer, string? Legacy, string? Gateway) ValidateCredentials(ClovaClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return (CheckHeaderValue(options.ApiKey, nameof(options.ApiKey)), null, null);
        }

        bool hasLegacy = !string.IsNullOrWhiteSpace(options.LegacyApiKey);
        bool hasGateway = !string.IsNullOrWhiteSpace(options.LegacyApiGatewayKey);
        if (hasLegacy && hasGateway)
        {
            return (null, CheckHeaderValue(options.LegacyApiKey!, nameof(options.LegacyApiKey)), CheckHeaderValue(options.LegacyApiGatewayKey!, nameof(options.LegacyApiGatewayKey)));
        }

        if (hasLegacy || hasGateway)
        {
            throw new ArgumentException(
                "Legacy CLOVA Studio keys come in pairs: set both ClovaClientOptions.LegacyApiKey (X-NCP-CLOVASTUDIO-API-KEY) and ClovaClientOptions.LegacyApiGatewayKey (X-NCP-APIGW-API-KEY), or use ApiKey.",
                hasLegacy ? nameof(options.LegacyApiGatewayKey) : nameof(options.LegacyApiKey));
        }

        throw new ArgumentException(
            "No CLOVA Studio credentials: set ClovaClientOptions.ApiKey (an nv-… key), or the legacy pair LegacyApiKey and LegacyApiGatewayKey.",
            nameof(options.ApiKey));
    }

    private static string CheckHeaderValue(string value, string optionName)
    {
        string trimmed = value.Trim();
        foreach (char c in trimmed)
        {
            // A control character would split the header; the value itself is never echoed.
            if (char.IsControl(c) || c > '\u007e')
            {
                throw new ArgumentException($"ClovaClientOptions.{optionName} contains a character that cannot go in an HTTP header (control or non-ASCII).", optionName);
            }
        }

        return trimmed;
    }

    private static string NormaliseAppPath(string? appPath)
    {
        if (string.IsNullOrWhiteSpace(appPath))
        {
            return "";
        }

        string trimmed = appPath.Trim().Trim('/');
        if (trimmed.Length == 0 || trimmed.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new ArgumentException($"ClovaClientOptions.AppPath must be a single path segment such as 'testapp' or 'serviceapp', not '{appPath}'.", nameof(ClovaClientOptions.AppPath));
        }

        return trimmed + "/";
    }
}
