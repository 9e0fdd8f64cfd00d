using System.Net;

namespace Clova.Resilience;

/// <summary>
/// Carries a response whose status may be retried through the retry pipeline; the last one is turned back into a
/// response (by <see cref="ClovaRetryHandler"/>) or into a <see cref="ClovaException"/> (by the transport).
/// </summary>
internal sealed class RetriableResponseException(HttpResponseMessage response)
    : Exception($"HTTP {(int)response.StatusCode} {response.StatusCode}")
{
    public HttpResponseMessage Response { get; } = response;

    public TimeSpan? RetryAfter { get; } = RetryHints.FromHeaders(response);

    public static bool IsRetriable(HttpStatusCode status) => (int)status is 408 or 429 or 500 or 502 or 503 or 504;
}
