using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary><c>POST /v3/chat-completions/{model}</c>: JSON, or SSE when <c>Accept: text/event-stream</c>.</summary>
public static class ChatV3Endpoint
{
    /// <summary>Answers one request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="modelName">The model from the path.</param>
    /// <param name="body">The request body.</param>
    /// <param name="emulator">The emulator (options and scripts).</param>
    /// <param name="script">The script for this request, or null.</param>
    /// <returns>A task for the response.</returns>
    public static async Task HandleAsync(HttpContext context, string modelName, string body, ClovaEmulator emulator, EmulatorScript? script)
    {
        EmulatorModel model = EmulatorModel.Find(modelName) ?? throw new ClovaApiError("40080", $"Model not found: {modelName}");
        if (!model.OnV3)
        {
            throw new ClovaApiError("40084", $"Unsupported API for model: {modelName} is not served by v3 chat completions");
        }

        ChatV3Request request = ChatV3Validator.Parse(body, model);
        if (request.Model.Context < ChatReply.CountPrompt(request.Turns) + (request.MaxOutput ?? 0))
        {
            throw new ClovaApiError("40003", $"Context length exceeded: input plus requested output is over {model.Context} tokens");
        }

        ChatReply reply = ChatReply.For(request, script);
        long created = emulator.Options.CreatedInMilliseconds ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() : DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (script?.DelayBeforeHeaders > TimeSpan.Zero)
        {
            await Task.Delay(script.DelayBeforeHeaders, context.RequestAborted);
        }

        bool stream = context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);
        if (!stream)
        {
            if (script?.StallAfterTokens is not null)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            if (script?.DropConnectionAfterTokens is not null)
            {
                context.Abort();
                return;
            }

            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(EmulatorJson.Write(EmulatorJson.Ok(Result(reply, request, created))), context.RequestAborted);
            return;
        }

        await StreamAsync(context, reply, request, created, emulator.Options, script);
    }

    /// <summary>The <c>result</c> object (also the data of the <c>result</c> event).</summary>
    private static JsonObject Result(ChatReply reply, ChatV3Request request, long created)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content };
        if (reply.Thinking.Length > 0)
        {
            message["thinkingContent"] = reply.Thinking;
        }

        if (reply.ToolCalls.Count > 0)
        {
            message["toolCalls"] = new JsonArray(reply.ToolCalls.Select(c => (JsonNode)c.ToJson()).ToArray());
        }

        var result = new JsonObject
        {
            ["message"] = message,
            ["finishReason"] = reply.FinishReason,
            ["created"] = created,
            ["seed"] = reply.Seed,
            ["usage"] = reply.Usage(request.Model.Thinking),
        };
        if (request.IncludeAiFilters)
        {
            result["aiFilter"] = reply.AiFilter();
        }

        return result;
    }

    private static async Task StreamAsync(HttpContext context, ChatReply reply, ChatV3Request request, long created, ClovaEmulatorOptions options, EmulatorScript? script)
    {
        CancellationToken aborted = context.RequestAborted;
        var writer = new SseEventWriter(context.Response, options.CompactSseFields);
        List<JsonObject> deltas = Deltas(reply);
        for (int sent = 0; sent < deltas.Count; sent++)
        {
            if (script?.ErrorEventAfterTokens == sent)
            {
                await writer.WriteAsync("error", EmulatorJson.Write(EmulatorJson.Error(script.ErrorCode, script.ErrorMessage, withResult: false)), aborted);
                return;
            }

            if (script?.DropConnectionAfterTokens == sent)
            {
                await DropAsync(context);
                return;
            }

            if (script?.StallAfterTokens == sent)
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }

            if (script?.DelayPerEvent > TimeSpan.Zero)
            {
                await Task.Delay(script.DelayPerEvent, aborted);
            }

            bool last = sent == deltas.Count - 1 && options.FinishOnLastToken;
            var token = new JsonObject
            {
                ["message"] = deltas[sent],
                ["finishReason"] = last ? reply.FinishReason : null,
                ["created"] = created,
                ["seed"] = reply.Seed,
                ["usage"] = last ? reply.Usage(request.Model.Thinking) : null,
            };
            await writer.WriteAsync("token", EmulatorJson.Write(token), aborted);
        }

        if (script?.ErrorEventAfterTokens is { } errorAt && errorAt >= deltas.Count)
        {
            await writer.WriteAsync("error", EmulatorJson.Write(EmulatorJson.Error(script.ErrorCode, script.ErrorMessage, withResult: false)), aborted);
            return;
        }

        if (script?.DropConnectionAfterTokens >= deltas.Count)
        {
            await DropAsync(context);
            return;
        }

        await writer.WriteAsync("result", EmulatorJson.Write(Result(reply, request, created)), aborted);
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
    private static async Task DropAsync(HttpContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200), context.RequestAborted);
        context.Abort();
    }

    /// <summary>
    /// The <c>message</c> of each token event: reasoning tokens, answer tokens, then for a tool call CLOVA's exact
    /// sequence: one token naming the call (id, type, function.name) and then <c>partialJson</c> fragments of the
    /// arguments with no id and no index.
    /// </summary>
    private static List<JsonObject> Deltas(ChatReply reply)
    {
        var deltas = new List<JsonObject>();
        foreach (string token in EmulatorTokenizer.Split(reply.Thinking))
        {
            deltas.Add(new JsonObject { ["role"] = "assistant", ["thinkingContent"] = token });
        }

        foreach (string token in EmulatorTokenizer.Split(reply.Content))
        {
            deltas.Add(new JsonObject { ["role"] = "assistant", ["content"] = token });
        }

        foreach (EmulatorToolCall call in reply.ToolCalls)
        {
            deltas.Add(new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = "",
                ["toolCalls"] = new JsonArray(new JsonObject { ["id"] = call.Id, ["type"] = "function", ["function"] = new JsonObject { ["name"] = call.Name } }),
            });
            string arguments = EmulatorJson.Write(call.Arguments);
            for (int at = 0; at < arguments.Length; at += 8)
            {
                string fragment = arguments.Substring(at, Math.Min(8, arguments.Length - at));
                deltas.Add(new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = "",
                    ["toolCalls"] = new JsonArray(new JsonObject { ["function"] = new JsonObject { ["partialJson"] = fragment } }),
                });
            }
        }

        return deltas;
    }
}
