using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary><c>POST /v3/chat-completions/{model}</c>: JSON, or SSE when <c>Accept: text/event-stream</c>.</summary>
internal static class ChatV3Endpoint
{
    /// <summary>Answers one request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="model">The model (or tuned task) from the path.</param>
    /// <param name="body">The request body.</param>
    /// <param name="emulator">The emulator (options and scripts).</param>
    /// <param name="script">The script for this request, or null.</param>
    /// <returns>A task for the response.</returns>
    public static async Task HandleAsync(HttpContext context, EmulatorModel model, string body, ClovaEmulator emulator, EmulatorScript? script)
    {
        if (!model.OnV3)
        {
            throw new ClovaApiError("40084", $"Unsupported API for model: {model.Name} is not served by v3 chat completions");
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
            result["aiFilter"] = ChatReply.AiFilterFor(reply.Content, withResult: true);
        }

        return result;
    }

    private static Task StreamAsync(HttpContext context, ChatReply reply, ChatV3Request request, long created, ClovaEmulatorOptions options, EmulatorScript? script)
    {
        List<JsonObject> deltas = Deltas(reply);
        var tokens = new List<JsonObject>(deltas.Count);
        for (int i = 0; i < deltas.Count; i++)
        {
            bool last = i == deltas.Count - 1 && options.FinishOnLastToken;
            tokens.Add(new JsonObject
            {
                ["message"] = deltas[i],
                ["finishReason"] = last ? reply.FinishReason : null,
                ["created"] = created,
                ["seed"] = reply.Seed,
                ["usage"] = last ? reply.Usage(request.Model.Thinking) : null,
            });
        }

        return EmulatorStream.WriteAsync(context, tokens, Result(reply, request, created), options, script);
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
