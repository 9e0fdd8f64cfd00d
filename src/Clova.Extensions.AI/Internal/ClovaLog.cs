using Microsoft.Extensions.Logging;

namespace Clova.Internal;

/// <summary>
/// Every log line the connector writes, source-generated with the stable ids of <see cref="ClovaDiagnostics"/>. The
/// parameters are ids, counts, codes and hosts only: never a key, a prompt or an answer.
/// </summary>
internal static partial class ClovaLog
{
    [LoggerMessage(EventId = ClovaDiagnostics.RetryEventId, Level = LogLevel.Information,
        Message = "CLOVA request {RequestId} ({Model}) to {Host}: attempt {Attempt} failed with {Status} {Code}; retrying in {Delay}")]
    public static partial void Retry(ILogger logger, string requestId, string model, string host, int attempt, string status, string code, TimeSpan delay);

    [LoggerMessage(EventId = ClovaDiagnostics.RateLimitedEventId, Level = LogLevel.Warning,
        Message = "CLOVA rate-limited request {RequestId} ({Model}) on {Host} with {Code}; next attempt in {Delay}")]
    public static partial void RateLimited(ILogger logger, string requestId, string model, string host, string code, TimeSpan delay);

    [LoggerMessage(EventId = ClovaDiagnostics.StreamIdleTimeoutEventId, Level = LogLevel.Warning,
        Message = "CLOVA stream {RequestId} ({Model}) on {Host} sent no event for {IdleTimeout}")]
    public static partial void StreamIdleTimeout(ILogger logger, string requestId, string model, string host, TimeSpan idleTimeout);

    [LoggerMessage(EventId = ClovaDiagnostics.RequestFailedEventId, Level = LogLevel.Warning,
        Message = "CLOVA request {RequestId} ({Model}) to {Host} failed with {Status} {Code} after {Attempts} attempt(s) in {Elapsed}")]
    public static partial void RequestFailed(ILogger logger, string requestId, string model, string host, string status, string code, int attempts, TimeSpan elapsed);

    [LoggerMessage(EventId = ClovaDiagnostics.ConnectionFailedEventId, Level = LogLevel.Error,
        Message = "CLOVA endpoint {Host} could not be reached for request {RequestId} ({Model}) after {Attempts} attempt(s) in {Elapsed}: {Failure}")]
    public static partial void ConnectionFailed(ILogger logger, string requestId, string model, string host, int attempts, TimeSpan elapsed, string failure);

    [LoggerMessage(EventId = ClovaDiagnostics.StreamFailedEventId, Level = LogLevel.Warning,
        Message = "CLOVA stream {RequestId} ({Model}) on {Host} failed after {Characters} characters with {Code}")]
    public static partial void StreamFailed(ILogger logger, string requestId, string model, string host, int characters, string code);

    [LoggerMessage(EventId = ClovaDiagnostics.RequestCompletedEventId, Level = LogLevel.Debug,
        Message = "CLOVA request {RequestId} ({Model}) to {Host} completed after {Attempts} attempt(s) in {Elapsed}")]
    public static partial void RequestCompleted(ILogger logger, string requestId, string model, string host, int attempts, TimeSpan elapsed);
}
