using System.Runtime.ExceptionServices;

namespace Clova.Embeddings;

/// <summary>
/// Runs one piece of work per input with at most a given number in flight, keeps the results in input order
/// whatever order they finish in, and fails fast: the first failure cancels what is still running and is the one
/// rethrown. A caller's cancellation is an <see cref="OperationCanceledException"/>, never a partial result.
/// </summary>
internal static class ClovaFanOut
{
    public static async Task<T[]> RunAsync<T>(int count, int maxConcurrency, Func<int, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var results = new T[count];
        if (count == 0)
        {
            return results;
        }

        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? first = null;
        int next = -1;

        async Task WorkerAsync()
        {
            // Workers pull the next index rather than owning a slice, so a slow reply never idles the others.
            while (true)
            {
                int index = Interlocked.Increment(ref next);
                if (index >= count || failFast.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    results[index] = await work(index, failFast.Token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // Work cancelled because another input failed (or the caller cancelled) is not a failure of its own.
                    if (!(e is OperationCanceledException && failFast.IsCancellationRequested))
                    {
                        Interlocked.CompareExchange(ref first, e, null);
                    }

                    await failFast.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }

        var workers = new Task[Math.Min(count, maxConcurrency)];
        for (int w = 0; w < workers.Length; w++)
        {
            workers[w] = WorkerAsync();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (first is not null)
        {
            ExceptionDispatchInfo.Throw(first);
        }

        return results;
    }
}
