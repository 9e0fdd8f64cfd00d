using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// <c>POST /v1/chat-completions/{model}</c> and <c>/v1/tasks/{taskId}/chat-completions</c> (the v1 models and
/// tuned tasks): <c>stopReason</c> and <c>inputLength</c>/<c>outputLength</c> instead of
/// <c>finishReason</c>/<c>usage</c>. The request rules are <see cref="ChatV1Rules"/>.
/// </summary>
internal static class ChatV1Endpoint
{
    /// <summary>Answers one request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="model">The model or task.</param>
    /// <param name="body">The request body.</param>
    /// <param name="options">The emulator's options.</param>
    /// <param name="script">The request's script, or null.</param>
    /// <returns>A task for the response.</returns>
    public static async Task HandleAsync(HttpContext context, EmulatorModel model, string body, ClovaEmulatorOptions options, EmulatorScript? script)
    {
        if (!model.OnV1)
        {
            throw new ClovaApiError("40084", $"Unsupported API for model: {model.Name} is not served by v1 chat completions");
        }

        ChatRequest request = ChatV1Rules.Read(body, model);
        ChatReply reply = ChatReply.For(request, script);
        string stopReason = reply.FinishReason switch
        {
            "length" => "length",
            "stop" when reply.StoppedAtStop => "stop_before",
            "stop" => "end_token",
            string other => other,
        };
        if (options.UpperCaseStopReason)
        {
            stopReason = stopReason.ToUpperInvariant();
        }

        if (script?.DelayBeforeHeaders > TimeSpan.Zero)
        {
            await Task.Delay(script.DelayBeforeHeaders, context.RequestAborted);
        }

        var result = new JsonObject
        {
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content },
            ["stopReason"] = stopReason,
            ["inputLength"] = reply.PromptTokens,
            ["outputLength"] = reply.ContentTokens,
            ["seed"] = reply.Seed,
        };
        if (request.IncludeAiFilters)
        {
            result["aiFilter"] = AiFilter.For(reply.Content, withResult: false);
        }

        if (!ChatStream.IsWanted(context.Request))
        {
            await JsonResponse.OkAsync(context, result);
            return;
        }

        List<string> pieces = EmulatorTokenizer.Split(reply.Content);
        var tokens = new List<JsonObject>(pieces.Count);
        for (int i = 0; i < pieces.Count; i++)
        {
            tokens.Add(new JsonObject
            {
                ["id"] = $"{reply.Seed:x}-{i}",
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = pieces[i] },
                ["index"] = i,
                ["inputLength"] = reply.PromptTokens,
                ["outputLength"] = i + 1,
                ["stopReason"] = null,
            });
        }

        await ChatStream.WriteAsync(context, tokens, result, options, script);
    }
}
