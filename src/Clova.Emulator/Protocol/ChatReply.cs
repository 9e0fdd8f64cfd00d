using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>
/// The emulator's deterministic answer to a conversation: the same conversation and settings always give the same
/// reasoning, answer, finish reason and counts.
/// </summary>
internal sealed record ChatReply
{
    private static readonly Dictionary<string, int> DefaultBudgetByEffort = new()
    {
        ["none"] = 512, ["low"] = 5120, ["medium"] = 10240, ["high"] = 20480,
    };

    private static readonly string[] ThinkingSteps =
    [
        "질문의 핵심을 정리하고 답의 순서를 정하자.",
        "예를 하나 들어 답이 맞는지 다시 확인해 보자.",
        "빠진 경우가 없는지 마지막으로 점검하자.",
    ];

    /// <summary>Gets the reasoning text ("" when the model did not think).</summary>
    public string Thinking { get; init; } = "";

    /// <summary>Gets the answer text.</summary>
    public string Content { get; init; } = "";

    /// <summary>Gets the finish reason.</summary>
    public string FinishReason { get; init; } = "stop";

    /// <summary>Gets the prompt token count.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Gets the reasoning token count.</summary>
    public int ThinkingTokens { get; init; }

    /// <summary>Gets the answer token count.</summary>
    public int ContentTokens { get; init; }

    /// <summary>Gets the seed used.</summary>
    public long Seed { get; init; }

    /// <summary>Gets whether a stop string cut the answer (v1 reports that as <c>stop_before</c>).</summary>
    public bool StoppedAtStop { get; init; }

    /// <summary>Gets the tool calls made instead of an answer.</summary>
    public IReadOnlyList<EmulatorToolCall> ToolCalls { get; init; } = [];

    /// <summary>Builds the reply to a request, applying a script's replacement text if any.</summary>
    /// <param name="request">The validated request.</param>
    /// <param name="script">The script for this request, or null.</param>
    /// <returns>The reply.</returns>
    public static ChatReply For(ChatRequest request, EmulatorScript? script)
    {
        ChatTurn? lastUser = request.Turns.LastOrDefault(t => t.Role == "user");
        string question = lastUser?.Text ?? "";
        int userTurns = request.Turns.Count(t => t.Role == "user");
        EmulatorToolCall? call = ChooseToolCall(request, question);
        string content = script?.ReplyContent ?? AnswerFor(request, question, userTurns);
        if (call is not null)
        {
            content = "";
        }

        string thinking = request.Effort is null or "none" ? "" : script?.ReplyThinking ?? BuildThinking(question, request.Effort);

        int budget = request.MaxOutput ?? (request.Effort is { } e ? DefaultBudgetByEffort[e] : request.Model.MaxOutput);
        string finish = call is null ? "stop" : "tool_calls";
        bool stopped = false;
        int thinkingTokens = EmulatorTokenizer.Count(thinking);
        if (thinkingTokens >= budget && thinking.Length > 0)
        {
            // A small limit can end the reply while it is still reasoning: no answer at all.
            thinking = EmulatorTokenizer.Take(thinking, budget);
            thinkingTokens = budget;
            content = "";
            finish = "length";
        }
        else
        {
            string full = content;
            content = CutAtStop(content, request.Stop);
            stopped = content.Length < full.Length;
            int room = budget - thinkingTokens;
            if (EmulatorTokenizer.Count(content) > room)
            {
                content = EmulatorTokenizer.Take(content, room);
                finish = "length";
            }
        }

        int callTokens = call is null ? 0 : EmulatorTokenizer.Count(EmulatorJson.Write(call.Arguments));
        return new ChatReply
        {
            Thinking = thinking,
            Content = content,
            FinishReason = script?.FinishReason ?? finish,
            PromptTokens = EmulatorTokenizer.CountPrompt(request.Turns),
            ThinkingTokens = thinkingTokens,
            ContentTokens = EmulatorTokenizer.Count(content) + callTokens,
            Seed = request.Seed != 0 ? request.Seed : DeriveSeed(request.Turns),
            ToolCalls = call is null ? [] : [call],
            StoppedAtStop = stopped && finish == "stop",
        };
    }

    /// <summary>
    /// The answer text: JSON satisfying the schema for structured outputs; a summary of the tool results after a
    /// tool turn; otherwise an echo of the question that names the turn count and any images seen.
    /// </summary>
    private static string AnswerFor(ChatRequest request, string question, int userTurns)
    {
        if (request.ResponseSchema is { } schema)
        {
            return EmulatorJson.Write(SchemaExample.For(schema, question)!);
        }

        var results = request.Turns.Reverse().TakeWhile(t => t.Role == "tool").Reverse().Select(t => t.Text).ToList();
        if (results.Count > 0)
        {
            return $"도구 결과를 받았습니다: {string.Join(" / ", results)}";
        }

        int images = request.Turns.Sum(t => t.Images);
        string seen = images > 0 ? $" 이미지 {images}개를 확인했습니다." : "";
        return $"«{question}»에 대한 답변입니다. (에뮬레이터, 사용자 메시지 {userTurns}개){seen}";
    }

    /// <summary>
    /// Calls a tool whenever tools are offered, the choice is not "none" and the last turn is the user's (so no tool
    /// result has answered it yet): the forced function, or else the first tool. Arguments are built from its schema,
    /// with the property names as hints (<see cref="SchemaExample"/>). In any language, so a Korean question reaches an
    /// English-described tool; a script overrides all of it.
    /// </summary>
    private static EmulatorToolCall? ChooseToolCall(ChatRequest request, string question)
    {
        if (request.Tools.Count == 0 || request.ToolChoiceMode == "none" || request.Turns[^1].Role != "user")
        {
            return null;
        }

        ToolDefinition tool = request.ForcedTool is { } forced ? request.Tools.First(t => t.Name == forced) : request.Tools[0];

        var arguments = (JsonObject)SchemaExample.For(tool.Parameters ?? new JsonObject { ["type"] = "object" }, question)!;
        string id = $"call_{DeriveSeed([new ChatTurn(tool.Name, question + request.Turns.Count)]):x8}{request.Turns.Count:x4}";
        return new EmulatorToolCall(id, tool.Name, arguments);
    }

    /// <summary>The <c>usage</c> object, with thinking details for reasoning models.</summary>
    /// <param name="withThinking">Whether to add <c>completionTokensDetails</c>.</param>
    /// <returns>The usage object.</returns>
    public JsonObject Usage(bool withThinking)
    {
        var usage = new JsonObject
        {
            ["promptTokens"] = PromptTokens,
            ["completionTokens"] = ThinkingTokens + ContentTokens,
            ["totalTokens"] = PromptTokens + ThinkingTokens + ContentTokens,
        };
        if (withThinking)
        {
            usage["completionTokensDetails"] = new JsonObject { ["thinkingTokens"] = ThinkingTokens };
        }

        return usage;
    }

    private static string BuildThinking(string question, string effort)
    {
        int steps = effort switch { "low" => 1, "medium" => 2, _ => 3 };
        return $"사용자가 «{question}»라고 물었다. " + string.Join(" ", ThinkingSteps.Take(steps));
    }

    private static string CutAtStop(string content, IReadOnlyList<string> stop)
    {
        int cut = content.Length;
        foreach (string s in stop)
        {
            int at = s.Length == 0 ? -1 : content.IndexOf(s, StringComparison.Ordinal);
            if (at >= 0 && at < cut)
            {
                cut = at;
            }
        }

        return content[..cut];
    }

    private static long DeriveSeed(IEnumerable<ChatTurn> turns)
    {
        // FNV-1a over the conversation: stable across runs, unlike string.GetHashCode.
        uint hash = 2166136261;
        foreach (ChatTurn turn in turns)
        {
            foreach (char c in turn.Role + "\n" + turn.Text)
            {
                hash = (hash ^ c) * 16777619;
            }
        }

        return hash == 0 ? 1 : hash;
    }
}
