using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>
/// The documented rules of a v1 chat request (<c>/v1/chat-completions</c> and <c>/v1/tasks/…</c>): text-only
/// messages and the v1 field names (<c>repeatPenalty</c>, <c>stopBefore</c>); the v3 names are 40002.
/// </summary>
internal static class ChatV1Rules
{
    private const int DefaultMaxTokens = 100;

    private static readonly HashSet<string> Fields =
        ["messages", "temperature", "topK", "topP", "repeatPenalty", "stopBefore", "maxTokens", "includeAiFilters", "seed"];

    /// <summary>Parses and checks a body.</summary>
    /// <param name="body">The raw request body.</param>
    /// <param name="model">The model or task from the path.</param>
    /// <returns>The request.</returns>
    public static ChatRequest Read(string body, EmulatorModel model)
    {
        JsonObject root = RequestBody.Parse(body, Fields);
        List<ChatTurn> turns = MessageReader.ReadV1(root["messages"]);

        RequestBody.CheckV1Sampling(root);
        long? maxTokens = RequestBody.Long(root, "maxTokens", 1, model.MaxOutput);
        long seed = RequestBody.Long(root, "seed", 0, uint.MaxValue) ?? 0;
        List<string> stop = RequestBody.Strings(root, "stopBefore");
        bool filters = RequestBody.Boolean(root, "includeAiFilters") ?? false;

        int prompt = EmulatorTokenizer.CountPrompt(turns);
        if (prompt + (maxTokens ?? DefaultMaxTokens) > model.Context)
        {
            throw new ClovaApiError("40003", $"Context length exceeded: {prompt} input tokens plus maxTokens is over {model.Context}");
        }

        return new ChatRequest
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
