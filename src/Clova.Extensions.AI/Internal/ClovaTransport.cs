using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Clova.Resilience;
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
    private readonly ClovaRetryPolicy _retry;

    public ClovaTransport(ClovaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Endpoint = ValidateEndpoint(options.Endpoint);
        NetworkTimeout = ValidateTimeout(options.NetworkTimeout, nameof(ClovaClientOptions.NetworkTimeout));
        (_bearerKey, _legacyKey, _legacyGatewayKey) = ValidateCredentials(options);
        _pathPrefix = NormaliseAppPath(options.AppPath);
        _retry = new ClovaRetryPolicy((options.Retry ?? new ClovaRetryOptions()).Validate());
        StreamIdleTimeout = ValidateTimeout(options.StreamIdleTimeout, nameof(ClovaClientOptions.StreamIdleTimeout));
        MaxStreamEventBytes = options.MaxStreamEventBytes > 0
            ? options.MaxStreamEventBytes
            : throw new ArgumentOutOfRangeException(nameof(ClovaClientOptions.MaxStreamEventBytes), options.MaxStreamEventBytes, "ClovaClientOptions.MaxStreamEventBytes must be positive.");

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

    public TimeSpan StreamIdleTimeout { get; }

    public int MaxStreamEventBytes { get; }

    /// <summary>Builds the address of an API path such as <c>v3/chat-completions/HCX-007</c>, with the app segment.</summary>
    public Uri GetUri(string apiPath) => new(Endpoint, _pathPrefix + apiPath);

    public static string NewRequestId() => Guid.NewGuid().ToString("D");

    public HttpRequestMessage CreatePost(string apiPath, byte[] body, string requestId, bool streaming)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonContentType;
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
    /// Sends a request built by <paramref name="createRequest"/> (a fresh one per attempt, all with the same request
    /// id) and hands each successful response to <paramref name="onResponse"/>, retrying transient failures of
    /// either step under the retry policy. A non-success status becomes a <see cref="ClovaException"/>.
    /// </summary>
    public async Task<T> SendWithRetryAsync<T>(
        Func<HttpRequestMessage> createRequest,
        string requestId,
        Func<HttpResponseMessage, CancellationToken, ValueTask<T>> onResponse,
        CancellationToken cancellationToken)
    {
        int attempts = 0;
        try
        {
            return await _retry.ExecuteAsync(
                async (attempt, token) =>
                {
                    attempts = attempt;
                    HttpResponseMessage response = await SendOnceAsync(createRequest, attempt, requestId, token).ConfigureAwait(false);
                    try
                    {
                        return await onResponse(response, token).ConfigureAwait(false);
                    }
                    catch
                    {
                        response.Dispose();
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RetriableResponseException last)
        {
            using (last.Response)
            {
                throw await ClovaErrors.FromResponseAsync(last.Response, requestId, cancellationToken, attempts).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Posts a JSON body and returns the envelope's <c>result</c>: the whole non-streaming exchange, with errors
    /// mapped to <see cref="ClovaException"/> and the <see cref="NetworkTimeout"/> applied.
    /// </summary>
    public async Task<TResult> PostJsonAsync<TResult>(string apiPath, byte[] body, JsonTypeInfo<TResult> resultType, string requestId, CancellationToken cancellationToken)
        where TResult : class
    {
        using CancellationTokenSource timeout = CreateTimeoutSource(cancellationToken);
        try
        {
            return await SendWithRetryAsync(
                () => CreatePost(apiPath, body, requestId, streaming: false),
                requestId,
                async (response, token) =>
                {
                    using (response)
                    {
                        return await ReadResultAsync(response, resultType, requestId, token).ConfigureAwait(false);
                    }
                },
                timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw TranslateCancellation(e, cancellationToken, requestId);
        }
    }

    /// <summary>Reads a JSON envelope; an error code inside a 200, an empty body or a missing result is an error.</summary>
    public static async Task<TResult> ReadResultAsync<TResult>(HttpResponseMessage response, JsonTypeInfo<TResult> resultType, string requestId, CancellationToken cancellationToken)
        where TResult : class
    {
        ClovaResponseEnvelope<TResult>? envelope;
        try
        {
            // A JSON answer is small: buffering it and parsing the bytes in one go beats the async stream reader.
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            envelope = body.Length == 0 ? null : ReadEnvelope(body, resultType);
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
    /// Reads <c>{"status":…,"result":…}</c> by hand around the generated readers, so the envelope level costs no
    /// serializer frames; the result itself goes through its (generated or hand-written) metadata.
    /// </summary>
    private static ClovaResponseEnvelope<TResult> ReadEnvelope<TResult>(ReadOnlySpan<byte> body, JsonTypeInfo<TResult> resultType)
        where TResult : class
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object, not {reader.TokenType}.");
        }

        var envelope = new ClovaResponseEnvelope<TResult>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isStatus = reader.ValueTextEquals("status"u8);
            bool isResult = !isStatus && reader.ValueTextEquals("result"u8);
            reader.Read();
            if (isStatus)
            {
                envelope.Status = JsonSerializer.Deserialize(ref reader, ClovaJson.Context.ClovaStatus);
            }
            else if (isResult)
            {
                envelope.Result = JsonSerializer.Deserialize(ref reader, resultType);
            }
            else
            {
                reader.Skip();
            }
        }

        return envelope;
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

    private static TimeSpan ValidateTimeout(TimeSpan timeout, string name) =>
        timeout == Timeout.InfiniteTimeSpan || timeout > TimeSpan.Zero
            ? timeout
            : throw new ArgumentOutOfRangeException(name, timeout, $"ClovaClientOptions.{name} must be positive or Timeout.InfiniteTimeSpan.");

    private async ValueTask<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> createRequest, int attempt, string requestId, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = createRequest();
        request.Headers.TryAddWithoutValidation(ClovaRetryPolicy.AttemptHeader, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        if (RetriableResponseException.IsRetriable(response.StatusCode))
        {
            throw new RetriableResponseException(response);
        }

        using (response)
        {
            throw await ClovaErrors.FromResponseAsync(response, requestId, cancellationToken, attempt).ConfigureAwait(false);
        }
    }

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
