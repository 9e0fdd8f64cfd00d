using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clova.Internal;

/// <summary>
/// One client's logs and the process-wide meter: what the transport and the retry policy report, in one place.
/// Tags are the model (or tool) label, the outcome and a code; never an id, a key or content.
/// </summary>
internal sealed class ClovaTelemetry
{
    private static readonly Meter Meter = new(ClovaDiagnostics.MeterName);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(ClovaDiagnostics.RequestsInstrument, "{request}", "CLOVA Studio requests finished, by model, outcome and code.");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(ClovaDiagnostics.RetriesInstrument, "{retry}", "Retries scheduled, by model and code.");
    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(ClovaDiagnostics.RateLimitedInstrument, "{response}", "Rate-limited answers, by model and code.");

    private readonly ILogger _logger;
    private readonly string _host;

    public ClovaTelemetry(ILoggerFactory? loggerFactory, string host)
    {
        _logger = loggerFactory?.CreateLogger(ClovaDiagnostics.LoggerCategory) ?? NullLogger.Instance;
        _host = host;
    }

    /// <summary>A retry is about to wait <paramref name="delay"/> after attempt <paramref name="attempt"/> failed.</summary>
    public void Retry(string requestId, string model, int attempt, TimeSpan delay, HttpStatusCode? status, string? code, Exception? failure)
    {
        string codeTag = code ?? (status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : failure?.GetType().Name ?? "unknown");
        bool rateLimited = status == HttpStatusCode.TooManyRequests || code is "42901" or "42902" or "42903";
        Retries.Add(1, new KeyValuePair<string, object?>("clova.model", model), new KeyValuePair<string, object?>("clova.code", codeTag));
        if (rateLimited)
        {
            RateLimited.Add(1, new KeyValuePair<string, object?>("clova.model", model), new KeyValuePair<string, object?>("clova.code", code ?? "429"));
            ClovaLog.RateLimited(_logger, requestId, model, _host, code ?? "429", delay);
        }

        ClovaLog.Retry(_logger, requestId, model, _host, attempt, Describe(status), code ?? failure?.GetType().Name ?? "", delay);
    }

    /// <summary>A request ended well.</summary>
    public void Completed(string requestId, string model, int attempts, TimeSpan elapsed)
    {
        Requests.Add(1, new KeyValuePair<string, object?>("clova.model", model), new KeyValuePair<string, object?>("clova.outcome", "success"));
        ClovaLog.RequestCompleted(_logger, requestId, model, _host, attempts, elapsed);
    }

    /// <summary>A request failed for good (after its retries).</summary>
    public void Failed(string model, ClovaException error)
    {
        string code = error.ErrorCode ?? (error.StatusCode is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "transport");
        Requests.Add(
            1,
            new KeyValuePair<string, object?>("clova.model", model),
            new KeyValuePair<string, object?>("clova.outcome", "failure"),
            new KeyValuePair<string, object?>("clova.code", code));
        if (error.StatusCode is null && error.InnerException is HttpRequestException or IOException)
        {
            ClovaLog.ConnectionFailed(_logger, error.RequestId ?? "", model, _host, error.Attempts, error.Elapsed ?? TimeSpan.Zero, error.InnerException.Message);
        }
        else
        {
            ClovaLog.RequestFailed(_logger, error.RequestId ?? "", model, _host, Describe(error.StatusCode), error.ErrorCode ?? "", error.Attempts, error.Elapsed ?? TimeSpan.Zero);
        }
    }

    /// <summary>A stream that had started failed (its request was already counted as completed).</summary>
    public void StreamFailed(string requestId, string model, ClovaException error) =>
        ClovaLog.StreamFailed(_logger, requestId, model, _host, error.ReceivedCharacters, error.ErrorCode ?? "protocol");

    /// <summary>A stream went quiet for longer than the idle timeout.</summary>
    public void StreamIdle(string requestId, string model, TimeSpan idleTimeout) => ClovaLog.StreamIdleTimeout(_logger, requestId, model, _host, idleTimeout);

    private static string Describe(HttpStatusCode? status) => status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "no status";
}
