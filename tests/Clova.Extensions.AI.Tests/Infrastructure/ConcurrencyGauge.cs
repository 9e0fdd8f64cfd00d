namespace Clova.Tests.Infrastructure;

/// <summary>A delegating handler that records the most requests it ever had in flight at once.</summary>
internal sealed class ConcurrencyGauge(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _inFlight;
    private int _max;

    /// <summary>Gets the highest number of requests in flight at the same moment.</summary>
    public int Max => Volatile.Read(ref _max);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
