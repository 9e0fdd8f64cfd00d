using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Clova.Emulator.Protocol;

/// <summary>
/// <c>POST /v1/chat-completions/{model}</c> and <c>/v1/tasks/{taskId}/chat-completions</c> (HCX-003, HCX-DASH-001,
/// tuned tasks): text only, v1 field names (<c>repeatPenalty</c>, <c>stopBefore</c>), <c>stopReason</c> and
/// <c>inputLength</c>/<c>outputLength</c> instead of <c>finishReason</c>/<c>usage</c>.
/// </summary>
internal static class ChatV1Endpoint
{
    private const int DefaultMaxTokens = 100;

    private static readonly HashSet<string> Fields =
        ["messages", "temperature", "topK", "topP", "repeatPenalty", "stopBefore", "maxTokens", "includeAiFilters", "seed"];

    /// <summary>Answers one request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="model">The model or task.</param>
    /// <param name="body">The request body.</param>
    /// <param name="emulator">The emulator.</param>
    /// <param name="script">The request's script, or null.</param>
    /// <returns>A task for the response.</returns>
    public static async Task HandleAsync(HttpContext context, EmulatorModel model, string body, ClovaEmulator emulator, EmulatorScript? script)
    {
        if (!model.OnV1)
        {
            throw new ClovaApiError("40084", $"Unsupported API for model: {model.Name} is not served by v1 chat completions");
        }

        ChatV3Request request = Parse(body, model);
        ChatReply reply = ChatReply.For(request, script);
        string stopReason = reply.FinishReason switch
        {
            "length" => "length",
            "stop" when reply.StoppedAtStop => "stop_before",
            "stop" => "end_token",
            string other => other,
        };
        if (emulator.Options.UpperCaseStopReason)
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
            result["aiFilter"] = ChatReply.AiFilterFor(reply.Content, withResult: false);
        }

        if (!context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(EmulatorJson.Write(EmulatorJson.Ok(result)), context.RequestAborted);
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

        await EmulatorStream.WriteAsync(context, tokens, result, emulator.Options, script);
    }

    private static ChatV3Request Parse(string body, EmulatorModel model)
    {
        JsonObject root = ChatV3Validator.ParseObject(body, Fields);
        List<ChatTurn> turns = ChatV3Validator.ParsePlainMessages(root["messages"]);

        ChatV3Validator.Number(root, "temperature", 0, 1, minInclusive: false);
        ChatV3Validator.Number(root, "topP", 0, 1, minInclusive: false);
        ChatV3Validator.Number(root, "repeatPenalty", 0, 10, minInclusive: false);
        ChatV3Validator.Long(root, "topK", 0, 128);
        long? maxTokens = ChatV3Validator.Long(root, "maxTokens", 1, model.MaxOutput);
        long seed = ChatV3Validator.Long(root, "seed", 0, uint.MaxValue) ?? 0;
        List<string> stop = ChatV3Validator.ParseStop(root["stopBefore"], "stopBefore");
        bool filters = ChatV3Validator.Boolean(root, "includeAiFilters") ?? false;

        int prompt = ChatReply.CountPrompt(turns);
        if (prompt + (maxTokens ?? DefaultMaxTokens) > model.Context)
        {
            throw new ClovaApiError("40003", $"Context length exceeded: {prompt} input tokens plus maxTokens is over {model.Context}");
        }

        return new ChatV3Request
        {
            Model = model,
            Turns = turns,
            MaxOutput = (int)(maxTokens ?? DefaultMaxTokens),
            Stop = stop,
            Seed = seed,
            IncludeAiFilters = filters,
        };
    }
}
