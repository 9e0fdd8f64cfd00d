using Clova.Chat;
using Clova.Internal;
using Clova.Wire;

namespace Clova.Requests;

/// <summary>
/// THE table of CLOVA request parameters: every scalar field of the chat (v3, v1), RAG reasoning and LK completion bodies, with its
/// name, range and default in each dialect (from the spec and the seed pages), the typed option it comes from and the
/// capability it needs. <see cref="ClovaRequestBuilder"/> fills requests from it, <see cref="Rules.ClovaRuleBook"/>
/// checks them with it and <see cref="ClovaRequestWriter"/> writes them in its order. Adding a CLOVA field is adding
/// a row to <see cref="All"/>: it is then read from <c>AdditionalProperties</c> under its name, range-checked and
/// sent. Rows the rule book refers to by name are declared first.
/// </summary>
internal static class ClovaParameters
{
    private static readonly ClovaRange UnitInterval = ClovaRange.AboveZero(1);

    public static readonly ClovaParameter Text = new()
    {
        Kind = ClovaValueKind.Text,
        Lk = new("text"),
        CompletionOption = "ClovaCompletionRequest.Text",
        FromCompletion = r => r.Text,
    };

    public static readonly ClovaParameter Thinking = new()
    {
        Kind = ClovaValueKind.Effort,
        V3 = new("thinking", Default: "low"),
        ChatOption = "ChatOptions.Reasoning.Effort",
        // ReasoningOptions is best effort by contract: models without thinking simply ignore it.
        FromChatOptions = (o, c) => c.Model.SupportsThinking ? ChatRequestMapper.ToClovaEffort(o.Reasoning?.Effort) : null,
        Requires = ClovaCapability.Thinking,
        BestEffort = true,
    };

    public static readonly ClovaParameter MaxTokens = new()
    {
        Kind = ClovaValueKind.Integer,
        V3 = new("maxTokens", ClovaRange.Closed(1, int.MaxValue)),
        V1 = new("maxTokens", ClovaRange.Closed(1, int.MaxValue), "100"),
        Lk = new("maxTokens", ClovaRange.Below(1, 2048), "100", "prompt tokens plus maxTokens may not exceed 2048"),
        Rag = new("maxTokens", ClovaRange.Below(1024, 4096), "1024"),
        ChatOption = "ChatOptions.MaxOutputTokens",
        FromChatOptions = (o, c) => c.Dialect == ClovaDialect.V3Chat && c.Model.UsesMaxCompletionTokens ? null : (long?)o.MaxOutputTokens,
        CompletionOption = "ClovaCompletionRequest.MaxTokens",
        FromCompletion = r => (long?)r.MaxTokens,
    };

    public static readonly ClovaParameter MaxCompletionTokens = new()
    {
        Kind = ClovaValueKind.Integer,
        V3 = new("maxCompletionTokens", ClovaRange.Closed(1, int.MaxValue), "by effort: none 512, low 5120, medium 10240, high 20480"),
        ChatOption = "ChatOptions.MaxOutputTokens",
        FromChatOptions = (o, c) => c.Dialect == ClovaDialect.V3Chat && c.Model.UsesMaxCompletionTokens ? (long?)o.MaxOutputTokens : null,
    };

    public static readonly ClovaParameter Stop = new()
    {
        Kind = ClovaValueKind.TextList,
        V3 = new("stop"),
        V1 = new("stopBefore"),
        Rag = new("stop"),
        Lk = new("stopBefore"),
        ChatOption = "ChatOptions.StopSequences",
        FromChatOptions = (o, _) => o.StopSequences is { Count: > 0 } stop ? new List<string>(stop) : null,
        CompletionOption = "ClovaCompletionRequest.StopBefore",
        FromCompletion = r => r.StopBefore is null ? null : new List<string>(r.StopBefore),
    };

    public static readonly ClovaParameter Tools = new()
    {
        Kind = ClovaValueKind.Json,
        V3 = new("tools"),
        Rag = new("tools", Note: "required"),
        ChatOption = "ChatOptions.Tools",
        FromChatOptions = (o, _) => o.Tools is { Count: > 0 } tools ? ChatRequestMapper.ToClovaTools(tools) : null,
        FromAdditionalProperties = false,
        Requires = ClovaCapability.Tools,
        JsonType = ClovaJson.Context.ListClovaTool,
    };

    public static readonly ClovaParameter ToolChoice = new()
    {
        Kind = ClovaValueKind.Json,
        V3 = new("toolChoice"),
        Rag = new("toolChoice"),
        ChatOption = "ChatOptions.ToolMode",
        FromChatOptions = (o, _) => o.Tools is { Count: > 0 } tools ? ChatRequestMapper.ToClovaToolChoice(o.ToolMode, tools) : null,
        FromAdditionalProperties = false,
        Requires = ClovaCapability.Tools,
        JsonType = ClovaJson.Context.ClovaToolChoice,
    };

    public static readonly ClovaParameter ResponseFormat = new()
    {
        Kind = ClovaValueKind.Json,
        V3 = new("responseFormat"),
        ChatOption = "ChatOptions.ResponseFormat",
        FromChatOptions = (o, _) => ChatRequestMapper.ToClovaResponseFormat(o.ResponseFormat),
        FromAdditionalProperties = false,
        Requires = ClovaCapability.StructuredOutputs,
        JsonType = ClovaJson.Context.ClovaResponseFormat,
    };

    /// <summary>Every row, in the order fields are written.</summary>
    public static readonly ClovaParameter[] All =
    [
        Text,
        new()
        {
            Kind = ClovaValueKind.Text,
            Lk = new("start"),
            CompletionOption = "ClovaCompletionRequest.Start",
            FromCompletion = r => r.Start,
        },
        new()
        {
            Kind = ClovaValueKind.Text,
            Lk = new("restart"),
            CompletionOption = "ClovaCompletionRequest.Restart",
            FromCompletion = r => r.Restart,
        },
        Thinking,
        new()
        {
            Kind = ClovaValueKind.Number,
            Everywhere = new("topP", UnitInterval, "0.8"),
            Rag = new("topP", UnitInterval, "0.8"),
            ChatOption = "ChatOptions.TopP",
            FromChatOptions = (o, _) => ChatRequestMapper.ToClovaNumber(o.TopP),
            CompletionOption = "ClovaCompletionRequest.TopP",
            FromCompletion = r => r.TopP,
        },
        new()
        {
            Kind = ClovaValueKind.Integer,
            Everywhere = new("topK", ClovaRange.Closed(0, 128), "0"),
            Rag = new("topK", ClovaRange.Closed(0, 128), "0"),
            ChatOption = "ChatOptions.TopK",
            FromChatOptions = (o, _) => (long?)o.TopK,
            CompletionOption = "ClovaCompletionRequest.TopK",
            FromCompletion = r => (long?)r.TopK,
        },
        MaxTokens,
        MaxCompletionTokens,
        new()
        {
            Kind = ClovaValueKind.Number,
            V3 = new("temperature", ClovaRange.Closed(0, 1), "0.5"),
            Rag = new("temperature", ClovaRange.Closed(0, 1), "0.5"),
            V1 = new("temperature", UnitInterval, "0.5"),
            Lk = new("temperature", UnitInterval, "0.5"),
            ChatOption = "ChatOptions.Temperature",
            FromChatOptions = (o, _) => ChatRequestMapper.ToClovaNumber(o.Temperature),
            CompletionOption = "ClovaCompletionRequest.Temperature",
            FromCompletion = r => r.Temperature,
        },
        new()
        {
            // Same idea, different name AND range in v1: never translated, which would silently change the meaning.
            Kind = ClovaValueKind.Number,
            V3 = new("repetitionPenalty", ClovaRange.AboveZero(2), "1.1"),
            Rag = new("repetitionPenalty", ClovaRange.AboveZero(2), "1.1"),
            V1 = new("repeatPenalty", ClovaRange.AboveZero(10), "5"),
            Lk = new("repeatPenalty", ClovaRange.AboveZero(10), "5"),
            CompletionOption = "ClovaCompletionRequest.RepeatPenalty",
            FromCompletion = r => r.RepeatPenalty,
        },
        Stop,
        new()
        {
            Kind = ClovaValueKind.Integer,
            V3 = new("seed", ClovaRange.Closed(0, uint.MaxValue), "0", "0 lets CLOVA choose"),
            V1 = new("seed", ClovaRange.Closed(0, uint.MaxValue), "0", "0 lets CLOVA choose"),
            Rag = new("seed", ClovaRange.Closed(0, uint.MaxValue), "0", "0 lets CLOVA choose"),
            ChatOption = "ChatOptions.Seed",
            FromChatOptions = (o, _) => o.Seed,
            IntegerMax = long.MaxValue,
        },
        new()
        {
            Kind = ClovaValueKind.Boolean,
            Everywhere = new("includeAiFilters"),
            Rag = new("includeAiFilters", Default: "true"),
            CompletionOption = "ClovaCompletionRequest.IncludeAiFilters",
            FromCompletion = r => r.IncludeAiFilters,
        },
        new()
        {
            Kind = ClovaValueKind.Boolean,
            Lk = new("includeTokens", Default: "true"),
            CompletionOption = "ClovaCompletionRequest.IncludeTokens",
            FromCompletion = r => r.IncludeTokens,
        },
        new()
        {
            Kind = ClovaValueKind.Boolean,
            Lk = new("includeProbs"),
            CompletionOption = "ClovaCompletionRequest.IncludeProbs",
            FromCompletion = r => r.IncludeProbs,
        },
        Tools,
        ToolChoice,
        ResponseFormat,
    ];

    private static readonly Dictionary<string, ClovaParameter> V3ByName = ByName(ClovaDialect.V3Chat);
    private static readonly Dictionary<string, ClovaParameter> V1ByName = ByName(ClovaDialect.V1Chat);
    private static readonly Dictionary<string, ClovaParameter> RagByName = ByName(ClovaDialect.RagReasoning);

    static ClovaParameters()
    {
        for (int i = 0; i < All.Length; i++)
        {
            All[i].Index = i;
        }
    }

    /// <summary>The row whose field is called <paramref name="name"/> in a chat dialect (an <c>AdditionalProperties</c> key).</summary>
    public static ClovaParameter? Find(ClovaDialect dialect, string name) =>
        (dialect switch { ClovaDialect.V1Chat => V1ByName, ClovaDialect.RagReasoning => RagByName, _ => V3ByName }).GetValueOrDefault(name);

    private static Dictionary<string, ClovaParameter> ByName(ClovaDialect dialect)
    {
        var names = new Dictionary<string, ClovaParameter>(StringComparer.Ordinal);
        foreach (ClovaParameter row in All)
        {
            if (row.Field(dialect) is { } field)
            {
                names[field.Name] = row;
            }
        }

        return names;
    }
}
