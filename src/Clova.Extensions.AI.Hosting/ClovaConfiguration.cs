using Clova;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The configuration shape of <see cref="ClovaClientOptions"/>: its bindable properties under the same names (the
/// HTTP client, handler and logger come from the container, not from configuration). Bound by the source generator,
/// with unknown keys refused, so a misspelt key fails at start-up instead of being ignored.
/// </summary>
internal sealed class ClovaConfiguration
{
    public Uri? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    public string? LegacyApiKey { get; set; }

    public string? LegacyApiGatewayKey { get; set; }

    public string? AppPath { get; set; }

    public string? LegacyAppId { get; set; }

    public TimeSpan? NetworkTimeout { get; set; }

    public TimeSpan? StreamIdleTimeout { get; set; }

    public int? MaxStreamEventBytes { get; set; }

    public ClovaRetryConfiguration? Retry { get; set; }

    /// <summary>Sets what configuration gave, leaving the rest as code or defaults set it.</summary>
    public void ApplyTo(ClovaClientOptions options)
    {
        options.Endpoint = Endpoint ?? options.Endpoint;
        options.ApiKey = ApiKey ?? options.ApiKey;
        options.LegacyApiKey = LegacyApiKey ?? options.LegacyApiKey;
        options.LegacyApiGatewayKey = LegacyApiGatewayKey ?? options.LegacyApiGatewayKey;
        options.AppPath = AppPath ?? options.AppPath;
        options.LegacyAppId = LegacyAppId ?? options.LegacyAppId;
        options.NetworkTimeout = NetworkTimeout ?? options.NetworkTimeout;
        options.StreamIdleTimeout = StreamIdleTimeout ?? options.StreamIdleTimeout;
        options.MaxStreamEventBytes = MaxStreamEventBytes ?? options.MaxStreamEventBytes;
        Retry?.ApplyTo(options.Retry ??= new ClovaRetryOptions());
    }
}
