namespace Clova;

/// <summary>
/// The names under which the connector reports what it does: its logger category, log event ids, meter and
/// instruments. Logs and metrics never carry a key or any message content.
/// </summary>
public static class ClovaDiagnostics
{
    /// <summary>The logger category (<c>ClovaClientOptions.LoggerFactory</c> creates the logger under it).</summary>
    public const string LoggerCategory = "Clova.ClovaClient";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: subscribe to it (OpenTelemetry <c>AddMeter</c>, <c>dotnet-counters</c>).</summary>
    public const string MeterName = "Clova.Extensions.AI";

    /// <summary>Counter: requests finished (retries not counted apart), tagged <c>clova.model</c>, <c>clova.outcome</c> (<c>success</c>/<c>failure</c>) and, on failure, <c>clova.code</c>.</summary>
    public const string RequestsInstrument = "clova.client.requests";

    /// <summary>Counter: retries scheduled, tagged <c>clova.model</c> and <c>clova.code</c> (CLOVA's code, the HTTP status, or the failure kind).</summary>
    public const string RetriesInstrument = "clova.client.retries";

    /// <summary>Counter: rate-limited answers (HTTP 429, codes 42901/42902/42903), tagged <c>clova.model</c> and <c>clova.code</c>.</summary>
    public const string RateLimitedInstrument = "clova.client.rate_limited";

    /// <summary>Log event id: a retry was scheduled (attempt, delay, status, CLOVA code, request id, endpoint host). Information.</summary>
    public const int RetryEventId = 1001;

    /// <summary>Log event id: CLOVA rate-limited a request (code, request id, host, the wait before the next attempt). Warning.</summary>
    public const int RateLimitedEventId = 1002;

    /// <summary>Log event id: a stream sent no event for <c>StreamIdleTimeout</c>. Warning.</summary>
    public const int StreamIdleTimeoutEventId = 1003;

    /// <summary>Log event id: a request failed for good (status, code, attempts, elapsed, request id, host). Warning.</summary>
    public const int RequestFailedEventId = 1004;

    /// <summary>Log event id: the endpoint could not be reached (DNS, refused, reset) after all attempts. Error.</summary>
    public const int ConnectionFailedEventId = 1005;

    /// <summary>Log event id: a stream failed after it had started (protocol error, cut, error event). Warning.</summary>
    public const int StreamFailedEventId = 1006;

    /// <summary>Log event id: a request completed (model, request id, attempts, elapsed). Debug.</summary>
    public const int RequestCompletedEventId = 1007;
}
