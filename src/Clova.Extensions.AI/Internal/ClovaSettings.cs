namespace Clova.Internal;

/// <summary>
/// A <see cref="ClovaClientOptions"/> after <see cref="ClovaClientOptions.Validate"/>: a checked, immutable copy, so
/// later changes to the options object cannot reach a client that is already running.
/// </summary>
internal sealed record ClovaSettings(
    Uri Endpoint,
    string? BearerKey,
    string? LegacyKey,
    string? LegacyGatewayKey,
    string PathPrefix,
    string? LegacyAppId,
    HttpClient? HttpClient,
    HttpMessageHandler? HttpMessageHandler,
    TimeSpan NetworkTimeout,
    TimeSpan StreamIdleTimeout,
    int MaxStreamEventBytes,
    ClovaRetryOptions Retry,
    Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory)
{
    /// <summary>Gets the keys to redact from anything the service sends back.</summary>
    public ClovaSecrets Secrets { get; } = new(BearerKey, LegacyKey, LegacyGatewayKey);

    /// <summary>Never prints a key.</summary>
    public override string ToString() => $"ClovaSettings {{ Endpoint = {Endpoint} }}";
}
