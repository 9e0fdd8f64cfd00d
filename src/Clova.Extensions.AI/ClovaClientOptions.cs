using Clova.Internal;

namespace Clova;

/// <summary>
/// Settings for a <see cref="ClovaClient"/>: where CLOVA Studio lives, which credentials to send, and how
/// long a single request may take.
/// </summary>
/// <remarks>
/// The options are copied when the <see cref="ClovaClient"/> is constructed; changing them afterwards has no
/// effect on that client. <see cref="ToString"/> never prints a key.
/// </remarks>
public sealed class ClovaClientOptions
{
    /// <summary>The public CLOVA Studio streaming host, <c>https://clovastudio.stream.ntruss.com/</c>.</summary>
    public static Uri DefaultEndpoint { get; } = new("https://clovastudio.stream.ntruss.com/");

    /// <summary>
    /// The default for <see cref="NetworkTimeout"/>: ten minutes, because HCX-007 at high effort can reason for
    /// several minutes before the answer completes.
    /// </summary>
    public static TimeSpan DefaultNetworkTimeout { get; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets the base address of CLOVA Studio. Defaults to <see cref="DefaultEndpoint"/>. Plain
    /// <c>http://</c> is accepted only for loopback addresses (an emulator), because the key would otherwise
    /// travel in clear text.
    /// </summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>Gets or sets the current-style API key (<c>nv-…</c>), sent as <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gets or sets a pre-2025 CLOVA Studio key, sent as <c>X-NCP-CLOVASTUDIO-API-KEY</c>. Must be paired with
    /// <see cref="LegacyApiGatewayKey"/>. Ignored when <see cref="ApiKey"/> is set.
    /// </summary>
    public string? LegacyApiKey { get; set; }

    /// <summary>
    /// Gets or sets the API Gateway key that goes with <see cref="LegacyApiKey"/>, sent as
    /// <c>X-NCP-APIGW-API-KEY</c>.
    /// </summary>
    public string? LegacyApiGatewayKey { get; set; }

    /// <summary>
    /// Gets or sets an optional app path segment placed before the API version, such as <c>testapp</c> or
    /// <c>serviceapp</c>. Since mid-2025 the key decides test versus service app, so the default is none.
    /// </summary>
    public string? AppPath { get; set; }

    /// <summary>
    /// Gets or sets the app id (a 32-character hex string from the CLOVA Studio console) that the legacy API gateway
    /// expects at the end of api-tools paths such as embeddings (<c>/testapp/v1/api-tools/embedding/{model}/{appId}</c>).
    /// Needed only with the legacy key pair, together with <see cref="AppPath"/>; ignored with <see cref="ApiKey"/>.
    /// </summary>
    public string? LegacyAppId { get; set; }

    /// <summary>
    /// Gets or sets the <see cref="System.Net.Http.HttpClient"/> to send requests with. When set, the caller
    /// owns it: it is never disposed by the connector and its own <c>Timeout</c> (100 seconds by default) still
    /// applies, so set that to <see cref="Timeout.InfiniteTimeSpan"/> and rely on <see cref="NetworkTimeout"/>.
    /// When null, the <see cref="ClovaClient"/> creates one, does not follow redirects, and disposes it.
    /// </summary>
    /// <remarks>
    /// Not allowed with the legacy key pair: an <see cref="System.Net.Http.HttpClient"/> that follows a redirect
    /// re-sends every header except <c>Authorization</c>, so the <c>X-NCP-…</c> keys would reach whatever host the
    /// redirect names, and a finished <see cref="System.Net.Http.HttpClient"/> cannot be checked. Give its handler as
    /// <see cref="HttpMessageHandler"/> instead; for the same reason (its proxy cannot be switched off) it is refused with a
    /// plain-http endpoint such as the emulator's. With <see cref="ApiKey"/>, .NET drops the key on a redirect, and a
    /// redirect the client followed is reported as a <see cref="ClovaException"/>.
    /// </remarks>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// Gets or sets a handler (or the first of a chain of <see cref="DelegatingHandler"/>s) to send requests
    /// through, for callers who add their own handlers (logging, test doubles, a corporate proxy) and for
    /// <c>IHttpClientFactory</c>. The connector builds its own <see cref="System.Net.Http.HttpClient"/> over it, with no
    /// timeout of its own (<see cref="NetworkTimeout"/> governs), and never disposes the handler.
    /// </summary>
    /// <remarks>
    /// Before the first request the connector applies its safety rules to the primary handler at the bottom of the
    /// chain when it is a <see cref="SocketsHttpHandler"/> or <see cref="HttpClientHandler"/>: it switches
    /// <c>AllowAutoRedirect</c> off (a redirect would carry the keys to another host) and, for a plain-http loopback
    /// endpoint, <c>UseProxy</c> (a proxy would read the key in clear text). A handler that has already sent a
    /// request can no longer be changed and is refused if it would follow redirects. Cannot be combined with
    /// <see cref="HttpClient"/>.
    /// </remarks>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>
    /// Gets or sets how long one call may take, from sending to the last byte of the response (for streaming: the
    /// end of the stream), every retry and every wait between retries included. Defaults to <see cref="DefaultNetworkTimeout"/>. Use
    /// <see cref="Timeout.InfiniteTimeSpan"/> for no limit.
    /// </summary>
    public TimeSpan NetworkTimeout { get; set; } = DefaultNetworkTimeout;

    /// <summary>
    /// Gets or sets the longest pause between two stream events before a streaming call gives up. Defaults to
    /// <see cref="DefaultStreamIdleTimeout"/>. Use <see cref="Timeout.InfiniteTimeSpan"/> for no limit.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; set; } = DefaultStreamIdleTimeout;

    /// <summary>
    /// The default for <see cref="StreamIdleTimeout"/>: two minutes. HCX-007 streams its reasoning token by token, so
    /// a live stream is never silent that long; a stalled one is.
    /// </summary>
    public static TimeSpan DefaultStreamIdleTimeout { get; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets the largest single SSE event accepted, in bytes. A larger one fails the stream with a
    /// <see cref="ClovaException"/> instead of growing memory without bound. Default 16 MiB (a whole 32k-token
    /// result event is far smaller).
    /// </summary>
    public int MaxStreamEventBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Gets or sets where the connector logs (category <see cref="ClovaDiagnostics.LoggerCategory"/>): each retry, rate
    /// limit, stream idle timeout, failure and (at Debug) completion, with request ids, codes and hosts, never a key or
    /// message content. Null (the default) logs nothing. The hosting package sets it from the container.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets how failed requests are retried; on by default. See <see cref="ClovaRetryOptions"/>.</summary>
    public ClovaRetryOptions Retry { get; set; } = new();

    /// <summary>A copy (the retry options copied too), so a registration can add its handler and logger without touching the bound instance.</summary>
    internal ClovaClientOptions Clone()
    {
        var copy = (ClovaClientOptions)MemberwiseClone();
        copy.Retry = Retry is null ? new ClovaRetryOptions() : Retry.Clone();
        return copy;
    }

    // The variables FromEnvironment reads, named once so the missing-credentials error cannot drift from them.
    private const string ApiKeyVariable = "CLOVASTUDIO_API_KEY";
    private const string FallbackApiKeyVariable = "CLOVA_API_KEY";
    private const string EndpointVariable = "CLOVASTUDIO_ENDPOINT";
    private const string FallbackEndpointVariable = "CLOVA_ENDPOINT";

    /// <summary>
    /// Options from the environment, so the same code runs against CLOVA Studio or an emulator by configuration alone:
    /// <c>CLOVASTUDIO_API_KEY</c> (the variable NAVER's LangChain package reads) or else <c>CLOVA_API_KEY</c> as
    /// <see cref="ApiKey"/>, and <c>CLOVASTUDIO_ENDPOINT</c> or else <c>CLOVA_ENDPOINT</c> as <see cref="Endpoint"/>.
    /// Unset variables leave the defaults; a missing key is refused, as always, when a client is made.
    /// </summary>
    /// <returns>New options.</returns>
    /// <exception cref="ArgumentException">An endpoint variable is not an absolute URI.</exception>
    public static ClovaClientOptions FromEnvironment()
    {
        var options = new ClovaClientOptions { ApiKey = Variable(ApiKeyVariable) ?? Variable(FallbackApiKeyVariable) };
        if ((Variable(EndpointVariable) ?? Variable(FallbackEndpointVariable)) is { } endpoint)
        {
            options.Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri)
                ? uri
                : throw new ArgumentException($"The endpoint variable ({EndpointVariable} or {FallbackEndpointVariable}) must be an absolute URI, not '{endpoint}'.", nameof(Endpoint));
        }

        return options;

        static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    /// <summary>
    /// Checks every setting and returns the immutable copy a client runs with: an absolute http(s) endpoint (plain
    /// http only for loopback), one kind of credentials whose values fit in a header, a single-segment app path,
    /// positive timeouts and event limit, and valid retry options. Each refusal names the property.
    /// </summary>
    internal ClovaSettings Validate()
    {
        Uri endpoint = ValidateEndpoint(Endpoint);
        TimeSpan networkTimeout = ValidateTimeout(NetworkTimeout, nameof(NetworkTimeout));
        (string? bearer, string? legacy, string? gateway) = ValidateCredentials(this);
        string pathPrefix = NormaliseAppPath(AppPath);
        ClovaRetryOptions retry = (Retry ?? new ClovaRetryOptions()).Validate();
        TimeSpan idleTimeout = ValidateTimeout(StreamIdleTimeout, nameof(StreamIdleTimeout));
        int maxEventBytes = MaxStreamEventBytes > 0
            ? MaxStreamEventBytes
            : throw new ArgumentOutOfRangeException(nameof(MaxStreamEventBytes), MaxStreamEventBytes, "ClovaClientOptions.MaxStreamEventBytes must be positive.");
        ValidateTransport(legacy is not null, endpoint.Scheme == Uri.UriSchemeHttp);
        string? appId = legacy is null ? null : NormaliseAppId(LegacyAppId);
        return new ClovaSettings(endpoint, bearer, legacy, gateway, pathPrefix, appId, HttpClient, HttpMessageHandler, networkTimeout, idleTimeout, maxEventBytes, retry, LoggerFactory);
    }

    /// <summary>Returns the endpoint and which kind of credentials are set; keys are never included.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString()
    {
        string credentials = !string.IsNullOrEmpty(ApiKey) ? "bearer key (redacted)"
            : !string.IsNullOrEmpty(LegacyApiKey) ? "legacy key pair (redacted)"
            : "no key";
        return $"ClovaClientOptions {{ Endpoint = {Endpoint}, AppPath = {AppPath ?? "(none)"}, Credentials = {credentials}, NetworkTimeout = {NetworkTimeout} }}";
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

        if (endpoint.Query.Length > 0 || endpoint.Fragment.Length > 0)
        {
            // API paths are appended to the endpoint's path; a query or fragment would be dropped or misplaced.
            throw new ArgumentException(
                $"ClovaClientOptions.Endpoint '{endpoint.GetLeftPart(UriPartial.Path)}' must not have a query or fragment: API paths are appended to it.",
                nameof(ClovaClientOptions.Endpoint));
        }

        if (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"ClovaClientOptions.Endpoint must use https, not '{endpoint.Scheme}'.", nameof(ClovaClientOptions.Endpoint));
        }

        // A base without a trailing slash would make relative paths replace its last segment.
        return endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
    }

    private void ValidateTransport(bool legacyKeys, bool plainHttp)
    {
        if (HttpClient is not null && HttpMessageHandler is not null)
        {
            throw new ArgumentException("Set ClovaClientOptions.HttpClient or ClovaClientOptions.HttpMessageHandler, not both.", nameof(HttpMessageHandler));
        }

        if (HttpClient is not null && legacyKeys)
        {
            throw new ArgumentException(
                "ClovaClientOptions.HttpClient cannot be used with the legacy key pair: an HttpClient that follows a redirect re-sends the X-NCP key headers to the host the redirect names, and a finished HttpClient cannot be checked. Give its handler as ClovaClientOptions.HttpMessageHandler (the connector switches its redirects off), or use ApiKey.",
                nameof(HttpClient));
        }

        if (HttpClient is not null && plainHttp)
        {
            // A finished HttpClient's proxy cannot be switched off, and over plain http a proxy reads the key.
            throw new ArgumentException(
                "ClovaClientOptions.HttpClient cannot be used with a plain-http (loopback) endpoint: a proxy configured on it would receive the key in clear text, and a finished HttpClient cannot be checked. Give its handler as ClovaClientOptions.HttpMessageHandler (the connector switches its proxy off), or use https.",
                nameof(HttpClient));
        }
    }

    /// <summary>Timers take at most int.MaxValue milliseconds (about 24.8 days); anything longer is meant as "no limit".</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    private static TimeSpan ValidateTimeout(TimeSpan timeout, string name) =>
        timeout == Timeout.InfiniteTimeSpan || (timeout > TimeSpan.Zero && timeout <= MaxTimeout)
            ? timeout
            : throw new ArgumentOutOfRangeException(name, timeout, $"ClovaClientOptions.{name} must be positive and at most {MaxTimeout.TotalDays:0.#} days, or Timeout.InfiniteTimeSpan for no limit.");

    private static (string? Bearer, string? Legacy, string? Gateway) ValidateCredentials(ClovaClientOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            if (options.ApiKey.TrimStart().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("ClovaClientOptions.ApiKey is the key alone (nv-…): drop the 'Bearer ' prefix, the connector adds it.", nameof(options.ApiKey));
            }

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
            $"No CLOVA Studio credentials: set ClovaClientOptions.ApiKey (an nv-… key; ClovaClientOptions.FromEnvironment() reads {ApiKeyVariable} or {FallbackApiKeyVariable}), or the legacy pair LegacyApiKey and LegacyApiGatewayKey.",
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

    private static string? NormaliseAppId(string? appId)
    {
        if (string.IsNullOrWhiteSpace(appId))
        {
            return null;
        }

        string trimmed = appId.Trim();
        return trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? trimmed
            : throw new ArgumentException("ClovaClientOptions.LegacyAppId must be the app id from the CLOVA Studio console (letters and digits, one path segment).", nameof(LegacyAppId));
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
