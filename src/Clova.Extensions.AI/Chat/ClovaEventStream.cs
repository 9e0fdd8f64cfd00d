using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Clova.Internal;
using Clova.Resilience;
using Clova.Wire;

namespace Clova.Chat;

/// <summary>
/// The transport side of a chat stream, kept apart from the reading of it (<see cref="ChatStreamReader"/>):
/// <list type="bullet">
/// <item>Opening sends the request under the retry policy and reads up to the first event that matters, so a failure
/// before any output (a broken connection, an empty body, an <c>error</c> event such as 42901 first) is retried,
/// while anything after that is the caller's to see.</item>
/// <item>The body is read through <see cref="EventSizeLimitedStream"/>, so one event cannot grow memory without bound.</item>
/// <item>One timer ends the stream when the gap between events exceeds <see cref="ClovaTransport.StreamIdleTimeout"/>.</item>
/// <item>Failures while reading are reported as the caller expects: timeouts as described cancellations, a broken
/// connection as a <see cref="ClovaException"/> that says how much output had been delivered.</item>
/// </list>
/// Enumerating it yields <see cref="SseParser"/>'s items, the primed first one included; it can be enumerated once.
/// </summary>
internal sealed class ClovaEventStream : IAsyncDisposable, IAsyncEnumerable<SseItem<ClovaStreamEvent>>, IAsyncEnumerator<SseItem<ClovaStreamEvent>>
{
    private readonly HttpResponseMessage _response;
    private readonly ClovaTransport _transport;
    private readonly string _requestId;
    private readonly string _label;
    private readonly CancellationToken _callerToken;
    private readonly CancellationToken _outer;
    private readonly CancellationTokenSource? _idle;
    private readonly IAsyncEnumerator<SseItem<ClovaStreamEvent>>? _events;
    private readonly Timer? _idleTimer;
    private long _waitingSince;
    private int _reading;
    private bool _firstPending;

    private ClovaEventStream(HttpResponseMessage response, ClovaTransport transport, string requestId, string label, CancellationToken callerToken, CancellationToken outer, ClovaChatResult? wholeResult, CancellationTokenSource? idle, IAsyncEnumerator<SseItem<ClovaStreamEvent>>? events)
    {
        _response = response;
        _transport = transport;
        _requestId = requestId;
        _label = label;
        _callerToken = callerToken;
        _outer = outer;
        WholeResult = wholeResult;
        _idle = idle;
        _events = events;
        if (idle is not null && transport.StreamIdleTimeout != Timeout.InfiniteTimeSpan)
        {
            // One timer for the whole stream: re-arming a timer per event costs more than decoding the event.
            _waitingSince = Environment.TickCount64;
            _idleTimer = new Timer(static state => ((ClovaEventStream)state!).CheckIdle(), this, transport.StreamIdleTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Gets the whole reply when the server answered the streaming request with plain JSON.</summary>
    public ClovaChatResult? WholeResult { get; }

    /// <summary>Gets or sets how many characters of output the reader has delivered, for the message of a later failure.</summary>
    public int DeliveredCharacters { get; set; }

    /// <summary>Gets the events, from the primed first one on.</summary>
    public IAsyncEnumerable<SseItem<ClovaStreamEvent>> Events => this;

    /// <inheritdoc />
    public SseItem<ClovaStreamEvent> Current { get; private set; }

    /// <summary>
    /// Sends the streaming request and primes the stream, retrying failures before the first event. The returned
    /// stream lives until disposed; <paramref name="timeoutToken"/> (the caller's token plus the network timeout)
    /// bounds all of it.
    /// </summary>
    public static async Task<ClovaEventStream> OpenAsync(ClovaTransport transport, PreparedChatRequest request, CancellationToken callerToken, CancellationToken timeoutToken)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await transport.SendAsync(
                request.ApiPath,
                request.Body,
                request.RequestId,
                streaming: true,
                (response, attempt, token) => PrimeAsync(response, transport, request.RequestId, request.ApiPath.Label, attempt, started, callerToken, token),
                timeoutToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw transport.TranslateCancellation(e, callerToken, request.RequestId);
        }
    }

    public IAsyncEnumerator<SseItem<ClovaStreamEvent>> GetAsyncEnumerator(CancellationToken cancellationToken = default) => this;

    /// <summary>Yields the primed first event, then reads on, translating failures (see the type's remarks).</summary>
    /// <remarks>
    /// The read is written out here rather than awaited through <see cref="ReadAsync"/>: this runs once per token,
    /// and one async frame fewer per token is measurable at stream speed.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync()
    {
        if (_firstPending)
        {
            _firstPending = false;
            return true;
        }

        try
        {
            BeginWait();
            bool more;
            try
            {
                more = await _events!.MoveNextAsync().ConfigureAwait(false);
            }
            finally
            {
                EndWait();
            }

            if (more)
            {
                Current = _events.Current;
            }

            return more;
        }
        catch (OperationCanceledException e) when (IsIdleExpiry())
        {
            throw IdleTimeout(e);
        }
        catch (OperationCanceledException e)
        {
            throw _transport.TranslateCancellation(e, _callerToken, _requestId);
        }
        catch (ClovaException e)
        {
            // The event-size guard, or a failure already described: add the exchange's attempts, host and time.
            throw Fail(e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw Fail(ClovaErrors.Protocol($"the connection broke mid-stream ({_transport.Secrets.Redact(e.Message)})", _requestId, _transport.Secrets.Scrub(e), DeliveredCharacters));
        }
    }

    /// <summary>Gets the attempt that opened this stream (earlier ones were retried).</summary>
    public int Attempts { get; private init; } = 1;

    /// <summary>Gets when the exchange started (before its first attempt), as a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
    public long Started { get; private init; }

    /// <summary>A failure after the stream opened, with the exchange's attempts, host and elapsed time, reported to the logs.</summary>
    public ClovaException Fail(ClovaException error)
    {
        ClovaException failure = ClovaErrors.WithContext(error, Attempts, _transport.Endpoint.Host, System.Diagnostics.Stopwatch.GetElapsedTime(Started));
        _transport.Telemetry.StreamFailed(_requestId, _label, failure);
        return failure;
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

    private static async ValueTask<ClovaEventStream> PrimeAsync(HttpResponseMessage response, ClovaTransport transport, string requestId, string label, int attempt, long started, CancellationToken callerToken, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType && !mediaType.Equals(ClovaHeaders.EventStream, StringComparison.OrdinalIgnoreCase))
        {
            // Some gateways answer a streaming request with a JSON envelope (errors, or a whole reply).
            ClovaChatResult whole = await ClovaEnvelopeReader.ReadResultAsync(response, ClovaJson.Context.ClovaChatResult, requestId, cancellationToken, transport.Secrets, transport.MaxStreamEventBytes).ConfigureAwait(false);
            return new ClovaEventStream(response, transport, requestId, label, callerToken, cancellationToken, whole, null, null) { Attempts = attempt, Started = started };
        }

        var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ClovaEventStream? stream = null;
        try
        {
            var body = new EventSizeLimitedStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), transport.MaxStreamEventBytes, requestId);
            IAsyncEnumerator<SseItem<ClovaStreamEvent>> events = SseParser.Create(body, ClovaStreamEvent.Parse).EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
            stream = new ClovaEventStream(response, transport, requestId, label, callerToken, cancellationToken, null, idle, events) { Attempts = attempt, Started = started };
            ClovaEventStream owner = stream;
            body.Delivered = () => owner.DeliveredCharacters;
            while (true)
            {
                if (!await stream.ReadAsync().ConfigureAwait(false))
                {
                    throw ClovaErrors.Protocol("the stream ended before its first event", requestId, transient: true);
                }

                ClovaStreamEvent first = stream.Current.Data;
                if (first.Kind == ClovaStreamEventKind.Ignored)
                {
                    continue;
                }

                if (first.Kind == ClovaStreamEventKind.Error)
                {
                    // Nothing has been handed over yet: a rate limit or server error here is retried like an HTTP one.
                    ClovaException error = ClovaErrors.FromStatus(null, first.Status, requestId, secrets: transport.Secrets);
                    if (ClovaRetryPolicy.IsTransient(error))
                    {
                        throw error;
                    }
                }

                stream._firstPending = true;
                return stream;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException && e is not ClovaException)
        {
            await DisposeQuietlyAsync(stream, idle).ConfigureAwait(false);
            throw ClovaErrors.Protocol($"the connection broke before the first event ({transport.Secrets.Redact(e.Message)})", requestId, transport.Secrets.Scrub(e), transient: true);
        }
        catch
        {
            await DisposeQuietlyAsync(stream, idle).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the next event while priming, restarting the idle timer; an idle expiry throws a described timeout.</summary>
    private async ValueTask<bool> ReadAsync()
    {
        try
        {
            BeginWait();
            bool more;
            try
            {
                more = await _events!.MoveNextAsync().ConfigureAwait(false);
            }
            finally
            {
                EndWait();
            }

            if (more)
            {
                Current = _events.Current;
            }

            return more;
        }
        catch (OperationCanceledException e) when (IsIdleExpiry())
        {
            throw IdleTimeout(e);
        }
    }

    private void BeginWait()
    {
        Volatile.Write(ref _waitingSince, Environment.TickCount64);
        Volatile.Write(ref _reading, 1);
    }

    /// <summary>Only time spent waiting for the server counts; the caller's own time between events does not.</summary>
    private void EndWait() => Volatile.Write(ref _reading, 0);

    private bool IsIdleExpiry() => !_outer.IsCancellationRequested && _idle!.IsCancellationRequested;

    private TaskCanceledException IdleTimeout(OperationCanceledException e)
    {
        TimeSpan idleTimeout = _transport.StreamIdleTimeout;
        _transport.Telemetry.StreamIdle(_requestId, _label, idleTimeout);
        return new TaskCanceledException(
            $"The CLOVA Studio stream {_requestId} sent no event for ClovaClientOptions.StreamIdleTimeout ({idleTimeout}).",
            new TimeoutException($"StreamIdleTimeout of {idleTimeout} elapsed.", e));
    }

    /// <summary>Fires when the idle time may be up: cancels if the current wait is that old, else sleeps the rest.</summary>
    private void CheckIdle()
    {
        long limit = (long)_transport.StreamIdleTimeout.TotalMilliseconds;
        long waited = Volatile.Read(ref _reading) == 0 ? 0 : Environment.TickCount64 - Volatile.Read(ref _waitingSince);
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
