using System.Text;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>Writes CLOVA's SSE events (<c>id</c>, <c>event</c>, <c>data</c> lines), flushing each one.</summary>
internal sealed class SseEventWriter
{
    private readonly HttpResponse _response;
    private readonly string _separator;
    private readonly string _streamId;
    private int _count;

    /// <summary>Starts a stream: status 200 and <c>text/event-stream</c>.</summary>
    /// <param name="response">The response to write to.</param>
    /// <param name="compactFields">Whether to omit the space after each field's colon.</param>
    public SseEventWriter(HttpResponse response, bool compactFields)
    {
        _response = response;
        _separator = compactFields ? ":" : ": ";
        _streamId = Guid.NewGuid().ToString("N")[..12];
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
    }

    /// <summary>Writes one event and flushes it.</summary>
    /// <param name="eventName">The event name (<c>token</c>, <c>result</c>, <c>error</c>, <c>signal</c>).</param>
    /// <param name="data">The data, on one line.</param>
    /// <param name="cancellationToken">Ends the write when the client goes away.</param>
    /// <returns>A task for the write.</returns>
    public async Task WriteAsync(string eventName, string data, CancellationToken cancellationToken)
    {
        var text = new StringBuilder()
            .Append("id").Append(_separator).Append(_streamId).Append('-').Append(_count++).Append('\n')
            .Append("event").Append(_separator).Append(eventName).Append('\n')
            .Append("data").Append(_separator).Append(data).Append("\n\n");
        await _response.WriteAsync(text.ToString(), Encoding.UTF8, cancellationToken);
        await _response.Body.FlushAsync(cancellationToken);
    }
}
