using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// <c>POST /v3/chat-completions/{model}</c> and <c>/v3/tasks/{taskId}/chat-completions</c>: JSON, or SSE when
/// <c>Accept: text/event-stream</c>. The request rules are <see cref="ChatV3Rules"/>.
/// </summary>
internal static class ChatV3Endpoint
{
    /// <summary>Answers one request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="model">The model (or tuned task) from the path.</param>
    /// <param name="body">The request body.</param>
    /// <param name="options">The emulator's options.</param>
    /// <param name="script">The script for this request, or null.</param>
    /// <returns>A task for the response.</returns>
    public static async Task HandleAsync(HttpContext context, EmulatorModel model, string body, ClovaEmulatorOptions options, EmulatorScript? script)
    {
        if (!model.OnV3)
        {
            throw new ClovaApiError("40084", $"Unsupported API for model: {model.Name} is not served by v3 chat completions");
        }

        ChatRequest request = ChatV3Rules.Read(body, model);
        ChatReply reply = ChatReply.For(request, script);
        long created = options.CreatedInMilliseconds ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() : DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (script?.DelayBeforeHeaders > TimeSpan.Zero)
        {
            await Task.Delay(script.DelayBeforeHeaders, context.RequestAborted);
        }

        if (!ChatStream.IsWanted(context.Request))
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

            await JsonResponse.OkAsync(context, Result(reply, request, created));
            return;
        }

        await StreamAsync(context, reply, request, created, options, script);
    }

    /// <summary>The <c>result</c> object (also the data of the <c>result</c> event).</summary>
    private static JsonObject Result(ChatReply reply, ChatRequest request, long created)
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
            result["aiFilter"] = AiFilter.For(reply.Content, withResult: true);
        }

        return result;
    }

    private static Task StreamAsync(HttpContext context, ChatReply reply, ChatRequest request, long created, ClovaEmulatorOptions options, EmulatorScript? script)
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

        return ChatStream.WriteAsync(context, tokens, Result(reply, request, created), options, script);
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
