using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// Streams prepared <c>token</c> events and the <c>result</c> event, applying a script's faults (an <c>error</c>
/// event, a dropped connection or a stall after N tokens, delays). Shared by the v1 and v3 chat endpoints.
/// </summary>
internal static class ChatStream
{
    /// <summary>Whether the request asks for a stream: CLOVA selects streaming by <c>Accept</c> alone, never by a body flag.</summary>
    /// <param name="request">The incoming request.</param>
    /// <returns>True for SSE, false for one JSON answer.</returns>
    public static bool IsWanted(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the stream.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="tokens">The data of each token event, in order.</param>
    /// <param name="result">The data of the result event.</param>
    /// <param name="options">Emulator options.</param>
    /// <param name="script">The request's script, or null.</param>
    /// <returns>A task for the stream.</returns>
    public static async Task WriteAsync(HttpContext context, IReadOnlyList<JsonObject> tokens, JsonObject result, ClovaEmulatorOptions options, EmulatorScript? script)
    {
        CancellationToken aborted = context.RequestAborted;
        var writer = new SseEventWriter(context.Response, options.CompactSseFields);
        if (script?.EndlessPings == true)
        {
            while (true)
            {
                await writer.WriteAsync("ping", "{}", aborted);
                await Task.Delay(TimeSpan.FromMilliseconds(50), aborted);
            }
        }

        for (int sent = 0; sent <= tokens.Count; sent++)
        {
            if (script?.GarbageAfterTokens == sent)
            {
                var garbage = new byte[4096];
                new Random(sent).NextBytes(garbage);
                await context.Response.Body.WriteAsync(garbage, aborted);
                await context.Response.WriteAsync("\n\n", aborted);
                return;
            }

            if (script?.ErrorEventAfterTokens is { } errorAt && (errorAt == sent || (sent == tokens.Count && errorAt > sent)))
            {
                await writer.WriteAsync("error", EmulatorJson.Write(EmulatorJson.Error(script.ErrorCode, script.ErrorMessage, withResult: false)), aborted);
                return;
            }

            if (script?.DropConnectionAfterTokens is { } dropAt && (dropAt == sent || (sent == tokens.Count && dropAt > sent)))
            {
                await DropAsync(context);
                return;
            }

            if (sent == tokens.Count)
            {
                break;
            }

            if (script?.StallAfterTokens == sent)
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }

            if (script?.DelayPerEvent > TimeSpan.Zero)
            {
                await Task.Delay(script.DelayPerEvent, aborted);
            }

            await writer.WriteAsync("token", EmulatorJson.Write(tokens[sent]), aborted);
        }

        await writer.WriteAsync("result", EmulatorJson.Write(result), aborted);
        if (options.SendDoneSignal)
        {
            await writer.WriteAsync("signal", """{"data":"[DONE]"}""", aborted);
        }
    }

    /// <summary>
    /// Resets the connection mid-stream. The pause first lets the client read what was flushed: a reset can make
    /// the peer discard bytes it has received but not yet read, which would turn "dropped after N events" into
    /// "dropped before the headers".
    /// </summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>A task that ends when the connection is reset.</returns>
    public static async Task DropAsync(HttpContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200), context.RequestAborted);
        context.Abort();
    }
}
