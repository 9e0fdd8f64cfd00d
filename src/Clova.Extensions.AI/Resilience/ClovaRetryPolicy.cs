using System.Net;
using Polly;
using Clova.Internal;
using Polly.Retry;

namespace Clova.Resilience;

/// <summary>
/// The one retry policy: Polly's retry strategy configured for CLOVA (exponential backoff with jitter, capped by
/// <see cref="ClovaRetryOptions.MaxDelay"/>), over <see cref="HttpResponseMessage"/> results. Only the CLOVA-specific
/// parts are ours: which statuses and failures are transient, the server's reset headers as the delay, and the cap
/// on the total time spent waiting (checked against the exact wait Polly chose, so jitter cannot overshoot it). Used by the transport around every exchange (for streams, up to the first
/// event) and by <see cref="ClovaRetryHandler"/>.
/// </summary>
internal sealed class ClovaRetryPolicy
{
    /// <summary>The header that numbers attempts (1, 2, …); the request id header stays the same on all of them.</summary>
    public const string AttemptHeader = "X-Clova-Attempt";

    private static readonly ResiliencePropertyKey<TimeSpan> Waited = new("clova.waited");
    private static readonly ResiliencePropertyKey<(string RequestId, string Model)> Scope = new("clova.scope");

    private readonly ClovaRetryOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ClovaTelemetry? _telemetry;

    public ClovaRetryPolicy(ClovaRetryOptions options, ClovaTelemetry? telemetry = null)
    {
        _options = options;
        _telemetry = telemetry;
        _pipeline = !options.Enabled || options.MaxRetryAttempts == 0
            ? ResiliencePipeline<HttpResponseMessage>.Empty
            : new ResiliencePipelineBuilder<HttpResponseMessage>().AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(ServerDelay(args.Outcome.Result)),
                OnRetry = async args =>
                {
                    // Saturating: with delays near TimeSpan.MaxValue the plain sum throws OverflowException here,
                    // and a throw from OnRetry leaves the response undisposed.
                    TimeSpan before = args.Context.Properties.GetValue(Waited, TimeSpan.Zero);
                    TimeSpan waited = args.RetryDelay > TimeSpan.MaxValue - before ? TimeSpan.MaxValue : before + args.RetryDelay;
                    if (waited > _options.MaxTotalDelay)
                    {
                        // The last outcome stands: it is not disposed, Polly never gets to wait.
                        throw new RetryBudgetSpent(args.Outcome);
                    }

                    args.Context.Properties.Set(Waited, waited);
                    if (_telemetry is not null && args.Context.Properties.TryGetValue(Scope, out (string RequestId, string Model) scope))
                    {
                        await ReportAsync(scope.RequestId, scope.Model, args.AttemptNumber + 1, args.RetryDelay, args.Outcome).ConfigureAwait(false);
                    }

                    args.Outcome.Result?.Dispose();
                },
            }).Build();
    }

    /// <summary>408, 429 and the 5xx statuses a retry can cure (500, 502, 503, 504).</summary>
    public static bool IsRetriable(HttpStatusCode status) => (int)status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>Whether an exception is a failure worth another attempt (never a cancellation or a 4xx other than 408/429).</summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null or OperationCanceledException => false,
        ClovaException clova => clova.IsTransient || (clova.StatusCode is { } status && IsRetriable(status)),
        // A host name that does not resolve will not resolve in a second: a wrong endpoint fails at once.
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => false,
        HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>Runs <paramref name="attempt"/> (given its 1-based number) until it succeeds or may not be retried; returns the last response.</summary>
    public async ValueTask<HttpResponseMessage> ExecuteAsync(Func<int, CancellationToken, ValueTask<HttpResponseMessage>> attempt, CancellationToken cancellationToken) =>
        await ExecuteAsync(attempt, null, null, cancellationToken).ConfigureAwait(false);

    /// <summary>As above, with the request id and model label the retry reports carry.</summary>
    public async ValueTask<HttpResponseMessage> ExecuteAsync(Func<int, CancellationToken, ValueTask<HttpResponseMessage>> attempt, string? requestId, string? model, CancellationToken cancellationToken)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        if (requestId is not null && model is not null)
        {
            context.Properties.Set(Scope, (requestId, model));
        }

        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, state) => state.attempt(++state.counter[0], ctx.CancellationToken),
                context,
                (attempt, counter: new int[1])).ConfigureAwait(false);
        }
        catch (RetryBudgetSpent spent)
        {
            spent.Outcome.ThrowIfException();
            return spent.Outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Tells the telemetry what failed: the status and CLOVA code of an answer (read from its small error body), or the exception's.</summary>
    private async ValueTask ReportAsync(string requestId, string model, int attempt, TimeSpan delay, Outcome<HttpResponseMessage> outcome)
    {
        HttpStatusCode? status = null;
        string? code = null;
        if (outcome.Result is { } response)
        {
            status = response.StatusCode;
            try
            {
                (byte[] body, _) = await ClovaBodyReader.ReadAsync(response.Content, ClovaBodyReader.MaxErrorBytes, CancellationToken.None).ConfigureAwait(false);
                code = ClovaErrors.TryReadCode(body);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                // The body is only read for the report; a broken one leaves the code unknown.
            }
        }
        else if (outcome.Exception is ClovaException clova)
        {
            status = clova.StatusCode;
            code = clova.ErrorCode;
        }

        _telemetry!.Retry(requestId, model, attempt, delay, status, code, outcome.Exception);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? IsRetriable(response.StatusCode) : IsTransient(outcome.Exception);

    /// <summary>The wait the server asked for (<c>Retry-After</c>, reset headers), capped; null lets Polly back off.</summary>
    private TimeSpan? ServerDelay(HttpResponseMessage? response) =>
        response is not null && RetryHints.FromHeaders(response) is { } hint ? (hint > _options.MaxDelay ? _options.MaxDelay : hint) : null;
}
