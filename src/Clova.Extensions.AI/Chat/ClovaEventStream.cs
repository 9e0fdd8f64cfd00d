using System.Net.ServerSentEvents;
using Clova.Internal;
using Clova.Resilience;
using Clova.Wire;

namespace Clova.Chat;

/// <summary>
/// An open chat stream, primed: opening reads up to the first event that matters, so a failure before any output
/// (a broken connection, an empty body, an <c>error</c> event such as 42901 as the first event) happens inside
/// the retry and can be retried, while anything after that is the caller's to see. Also owns the idle timer: a
/// gap longer than <see cref="ClovaTransport.StreamIdleTimeout"/> between events ends the stream.
/// </summary>
internal sealed class ClovaEventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource? _idle;
    private readonly IAsyncEnumerator<SseItem<ClovaStreamEvent>>? _events;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationToken _outer;
    private readonly Timer? _idleTimer;
    private long _waitingSince;

    private ClovaEventStream(HttpResponseMessage response, ClovaChatResult? wholeResult, CancellationTokenSource? idle, IAsyncEnumerator<SseItem<ClovaStreamEvent>>? events, TimeSpan idleTimeout, CancellationToken outer)
    {
        _response = response;
        WholeResult = wholeResult;
        _idle = idle;
        _events = events;
        _idleTimeout = idleTimeout;
        _outer = outer;
        if (idle is not null && idleTimeout != Timeout.InfiniteTimeSpan)
        {
            // One timer for the whole stream: re-arming a timer per event costs more than decoding the event.
            _waitingSince = Environment.TickCount64;
            _idleTimer = new Timer(static state => ((ClovaEventStream)state!).CheckIdle(), this, idleTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Gets the whole reply when the server answered the streaming request with plain JSON.</summary>
    public ClovaChatResult? WholeResult { get; }

    /// <summary>Gets the first event that matters (not set for <see cref="WholeResult"/>).</summary>
    public ClovaStreamEvent First { get; private set; }

    public static async ValueTask<ClovaEventStream> OpenAsync(HttpResponseMessage response, ClovaTransport transport, string requestId, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType && !mediaType.Equals(ClovaHeaders.EventStream, StringComparison.OrdinalIgnoreCase))
        {
            // Some gateways answer a streaming request with a JSON envelope (errors, or a whole reply).
            ClovaChatResult whole = await ClovaTransport.ReadResultAsync(response, ClovaJson.Context.ClovaChatResult, requestId, cancellationToken).ConfigureAwait(false);
            return new ClovaEventStream(response, whole, null, null, default, cancellationToken);
        }

        var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ClovaEventStream? stream = null;
        try
        {
            Stream body = new EventSizeLimitedStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), transport.MaxStreamEventBytes, requestId);
            IAsyncEnumerator<SseItem<ClovaStreamEvent>> events = SseParser.Create(body, ClovaStreamEvent.Parse).EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
            stream = new ClovaEventStream(response, null, idle, events, transport.StreamIdleTimeout, cancellationToken);
            while (true)
            {
                if (!await stream.MoveNextAsync(requestId).ConfigureAwait(false))
                {
                    throw ClovaErrors.Protocol("the stream ended before its first event", requestId, transient: true);
                }

                ClovaStreamEvent first = stream.Current;
                if (first.Kind == ClovaStreamEventKind.Ignored)
                {
                    continue;
                }

                if (first.Kind == ClovaStreamEventKind.Error)
                {
                    // Nothing has been handed over yet: a rate limit or server error here is retried like an HTTP one.
                    ClovaException error = ClovaErrors.FromStatus(null, first.Status, requestId);
                    if (ClovaRetryPolicy.IsTransient(error))
                    {
                        throw error;
                    }
                }

                stream.First = first;
                return stream;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException && e is not ClovaException)
        {
            await DisposeQuietlyAsync(stream, idle).ConfigureAwait(false);
            throw ClovaErrors.Protocol($"the connection broke before the first event ({e.Message})", requestId, e, transient: true);
        }
        catch
        {
            await DisposeQuietlyAsync(stream, idle).ConfigureAwait(false);
            throw;
        }
    }

    public ClovaStreamEvent Current => _events!.Current.Data;

    /// <summary>Reads the next event, restarting the idle timer; an idle expiry throws a described timeout.</summary>
    public async ValueTask<bool> MoveNextAsync(string requestId)
    {
        try
        {
            Volatile.Write(ref _waitingSince, Environment.TickCount64);
            return await _events!.MoveNextAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!_outer.IsCancellationRequested && _idle!.IsCancellationRequested)
        {
            throw new TaskCanceledException(
                $"The CLOVA Studio stream {requestId} sent no event for ClovaClientOptions.StreamIdleTimeout ({_idleTimeout}).",
                new TimeoutException($"StreamIdleTimeout of {_idleTimeout} elapsed.", e));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_idleTimer is not null)
        {
            await _idleTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_events is not null)
        {
            await _events.DisposeAsync().ConfigureAwait(false);
        }

        _idle?.Dispose();
        _response.Dispose();
    }

    /// <summary>Fires when the idle time may be up: cancels if the current wait is that old, else sleeps the rest.</summary>
    private void CheckIdle()
    {
        long waited = Environment.TickCount64 - Volatile.Read(ref _waitingSince);
        long limit = (long)_idleTimeout.TotalMilliseconds;
        try
        {
            if (waited >= limit)
            {
                _idle!.Cancel();
            }
            else
            {
                _idleTimer!.Change(TimeSpan.FromMilliseconds(limit - waited), Timeout.InfiniteTimeSpan);
            }
        }
        catch (ObjectDisposedException)
        {
            // The stream ended while the timer was firing.
        }
    }

    private static async ValueTask DisposeQuietlyAsync(ClovaEventStream? stream, CancellationTokenSource idle)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            idle.Dispose();
        }
    }
}
