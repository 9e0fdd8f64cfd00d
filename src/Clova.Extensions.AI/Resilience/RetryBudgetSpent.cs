using Polly;

namespace Clova.Resilience;

/// <summary>
/// Raised from the retry strategy's <c>OnRetry</c> when the wait Polly chose would pass
/// <see cref="ClovaRetryOptions.MaxTotalDelay"/>: only then is the exact (jittered) wait known. It carries the last
/// outcome, which <see cref="ClovaRetryPolicy"/> hands back as if it had not been retried.
/// </summary>
internal sealed class RetryBudgetSpent(Outcome<HttpResponseMessage> outcome) : Exception("The retry budget (ClovaRetryOptions.MaxTotalDelay) is spent.")
{
    public Outcome<HttpResponseMessage> Outcome { get; } = outcome;
}
