using System.Net;
using Polly;
using Polly.Retry;

namespace Clova.Resilience;

/// <summary>
/// The one retry policy, on Polly's retry strategy: which failures are retried and how long to wait. Used by the
/// transport around every send (and, for streams, up to the first event) and by <see cref="ClovaRetryHandler"/>.
/// </summary>
internal sealed class ClovaRetryPolicy
{
    /// <summary>The header that numbers attempts (1, 2, …); the request id header stays the same on all of them.</summary>
    public const string AttemptHeader = "X-Clova-Attempt";

    private static readonly ResiliencePropertyKey<TimeSpan> Waited = new("clova.waited");
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelay = new("clova.next-delay");

    private readonly ClovaRetryOptions _options;
    private readonly ResiliencePipeline _pipeline;

    public ClovaRetryPolicy(ClovaRetryOptions options)
    {
        _options = options;
        _pipeline = !options.Enabled || options.MaxRetryAttempts == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome.Exception, args.AttemptNumber, args.Context)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Context.Properties.GetValue(NextDelay, TimeSpan.Zero)),
                OnRetry = args =>
                {
                    args.Context.Properties.Set(Waited, args.Context.Properties.GetValue(Waited, TimeSpan.Zero) + args.RetryDelay);
                    if (args.Outcome.Exception is RetriableResponseException failed)
                    {
                        failed.Response.Dispose();
                    }

                    return default;
                },
            }).Build();
    }

    /// <summary>Whether an exception is a failure worth another attempt (never a cancellation or a 4xx other than 408/429).</summary>
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null or OperationCanceledException => false,
        RetriableResponseException => true,
        ClovaException clova => clova.IsTransient || (clova.StatusCode is { } status && RetriableResponseException.IsRetriable(status)),
        HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>Runs <paramref name="attempt"/> (given its 1-based number) until it succeeds or may not be retried.</summary>
    public async ValueTask<T> ExecuteAsync<T>(Func<int, CancellationToken, ValueTask<T>> attempt, CancellationToken cancellationToken)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, state) => state.attempt(++state.counter[0], ctx.CancellationToken),
                context,
                (attempt, counter: new int[1])).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private bool ShouldRetry(Exception? exception, int attemptNumber, ResilienceContext context)
    {
        if (!IsTransient(exception))
        {
            return false;
        }

        TimeSpan? hint = (exception as RetriableResponseException)?.RetryAfter;
        TimeSpan delay = hint ?? Backoff(attemptNumber);
        if (delay > _options.MaxDelay)
        {
            delay = _options.MaxDelay;
        }

        if (context.Properties.GetValue(Waited, TimeSpan.Zero) + delay > _options.MaxTotalDelay)
        {
            return false;
        }

        context.Properties.Set(NextDelay, delay);
        return true;
    }

    private TimeSpan Backoff(int attemptNumber)
    {
        double seconds = _options.BaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attemptNumber, 30));
        if (_options.UseJitter)
        {
            seconds *= 0.8 + (Random.Shared.NextDouble() * 0.4);
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, _options.MaxDelay.TotalSeconds));
    }
}
