using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clova.Internal;
using Clova.Requests;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Rules;

/// <summary>
/// THE rule book: every rule CLOVA documents that can be checked before sending, so a mistake costs no request and
/// no rate-limit budget. Refusals are <see cref="ArgumentException"/>s that name the option, the rule and the model.
/// Mapping code validates nothing; it runs after <see cref="CheckMessages"/> and <see cref="CheckOptions"/>, and
/// <see cref="Check"/> runs on the mapped request. Capabilities come from <see cref="ClovaModelCatalog"/>, ranges from
/// <see cref="ClovaParameters"/>.
/// </summary>
internal static class ClovaRuleBook
{
    /// <summary>CLOVA refuses an output limit below this when tools are sent.</summary>
    public const int MinOutputTokensWithTools = 1024;

    /// <summary>CLOVA's per-image size limit.</summary>
    public const int MaxImageBytes = 20 * 1024 * 1024;

    private const int MaxImagesPerRequest = 5;

    // Deeper than any schema a type generates; the bound keeps a hostile schema from exhausting the stack.
    private const int MaxSchemaDepth = 64;

    private static readonly string[] Efforts = ["none", "low", "medium", "high"];

    private static readonly HashSet<string> ImageMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/bmp", "image/png", "image/jpeg", "image/jpg", "image/webp",
    };

    // ---- Messages ------------------------------------------------------------------------------------------------

    /// <summary>
    /// The shape rules of a conversation: known roles; images of an accepted type and size, only in user messages;
    /// calls only from the assistant; results alone in their message; a tool message answers a call; not empty.
    /// </summary>
    public static IReadOnlyList<ChatMessage> CheckMessages(IEnumerable<ChatMessage> messages, string? instructions)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        bool anyText = !string.IsNullOrEmpty(instructions);
        for (int index = 0; index < list.Count; index++)
        {
            ChatMessage message = list[index] ?? throw new ArgumentException($"Chat message {index} is null.", nameof(messages));
            string role = CheckRole(message.Role, index);
            bool hasText = false;
            bool hasCalls = false;
            bool hasImages = false;
            bool hasResults = false;
            // Indexed, not foreach: the rules run on every call, and an interface enumerator per message is garbage.
            IList<AIContent> contents = message.Contents;
            for (int c = 0; c < contents.Count; c++)
            {
                AIContent content = contents[c];
                switch (content)
                {
                    case TextContent { Text.Length: > 0 }:
                        hasText = true;
                        break;
                    case DataContent or UriContent:
                        CheckImage(content, index);
                        hasImages = true;
                        break;
                    case FunctionCallContent:
                        hasCalls = true;
                        break;
                    case FunctionResultContent:
                        hasResults = true;
                        break;
                }
            }

            if (role == "system")
            {
                anyText |= hasText;
                continue;
            }

            anyText = true;
            if (hasResults)
            {
                if (hasCalls || hasImages || hasText)
                {
                    throw new ArgumentException($"Chat message {index} mixes function results with other content; CLOVA sends each result as its own tool message.", nameof(messages));
                }

                continue;
            }

            if (hasCalls && role != "assistant")
            {
                throw new ArgumentException($"Chat message {index} holds function calls but its role is '{role}'; only assistant messages can call tools.", nameof(messages));
            }

            if (hasImages && role != "user")
            {
                throw new ArgumentException($"Chat message {index} holds an image but its role is '{role}'; CLOVA takes images only in user messages.", nameof(messages));
            }

            if (role == "tool")
            {
                throw new ArgumentException($"Chat message {index} has the tool role but no FunctionResultContent; CLOVA needs the toolCallId a result answers.", nameof(messages));
            }
        }

        return anyText ? list : throw new ArgumentException("CLOVA Studio needs at least one message; the conversation is empty.", nameof(messages));
    }

    /// <summary>CLOVA's four roles; anything else (such as <c>developer</c>) has no CLOVA form.</summary>
    public static string CheckRole(ChatRole role, int index) =>
        role == ChatRole.User ? "user"
        : role == ChatRole.Assistant ? "assistant"
        : role == ChatRole.Tool ? "tool"
        : role == ChatRole.System ? "system"
        : throw new ArgumentException($"Chat message {index} has role '{role}', which CLOVA Studio does not have (system, user, assistant, tool).", "messages");

    /// <summary>BMP, PNG, JPEG or WEBP; inline bytes larger than 0 and at most 20 MB (pixel limits are the service's).</summary>
    public static void CheckImage(AIContent content, int index)
    {
        string mediaType = content switch
        {
            DataContent d => d.MediaType,
            UriContent u => u.MediaType,
            _ => "",
        };
        if (!ImageMediaTypes.Contains(mediaType))
        {
            throw new NotSupportedException(
                $"Chat message {index} holds {content.GetType().Name} of media type '{mediaType}'; CLOVA accepts only BMP, PNG, JPEG and WEBP images.");
        }

        if (content is DataContent { Data.Length: 0 or > MaxImageBytes } data)
        {
            throw new ArgumentException($"Chat message {index} holds an image of {data.Data.Length:N0} bytes; CLOVA accepts images larger than 0 and at most 20 MB.", "messages");
        }
    }

    // ---- Options that have no CLOVA form ---------------------------------------------------------------------------

    /// <summary>Options that cannot be mapped at all: non-function tools, tool modes and formats CLOVA lacks, a raw representation of the wrong type.</summary>
    public static void CheckOptions(ChatOptions? options, object? raw)
    {
        if (raw is not null and not JsonObject)
        {
            throw new ArgumentException(
                $"ChatOptions.RawRepresentationFactory must return a System.Text.Json.Nodes.JsonObject of CLOVA request fields (or null), not {raw.GetType().FullName}.",
                nameof(options));
        }

        if (options is null)
        {
            return;
        }

        if (options.Reasoning?.Effort is { } effort && !Enum.IsDefined(effort))
        {
            throw new ArgumentException($"ChatOptions.Reasoning.Effort has the unknown value {effort}.", nameof(options));
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            foreach (AITool tool in tools)
            {
                if (tool is not AIFunctionDeclaration)
                {
                    throw new ArgumentException($"ChatOptions.Tools holds {tool.GetType().Name} '{tool.Name}'; CLOVA Studio supports only function tools (AIFunctionDeclaration, e.g. from AIFunctionFactory).", nameof(options));
                }
            }

            CheckToolMode(options.ToolMode, tools.Count);
        }

        CheckResponseFormatOption(options.ResponseFormat);
    }

    /// <summary>Structured outputs need a schema; CLOVA has no schemaless JSON mode.</summary>
    public static void CheckResponseFormatOption(ChatResponseFormat? format)
    {
        switch (format)
        {
            case null or ChatResponseFormatText or ChatResponseFormatJson { Schema: not null }:
                break;
            case ChatResponseFormatJson:
                throw new ArgumentException(
                    "ChatOptions.ResponseFormat is JSON without a schema, and CLOVA structured outputs require one (responseFormat {type: json, schema}). Use ChatResponseFormat.ForJsonSchema<T>() or ForJsonSchema(schema), or ask for JSON in the prompt with ChatResponseFormat.Text.",
                    "options");
            default:
                throw new ArgumentException($"ChatOptions.ResponseFormat {format.GetType().Name} is not supported by CLOVA Studio.", "options");
        }
    }

    /// <summary>
    /// CLOVA has no "any tool" choice: RequireAny with exactly one tool forces that tool; with several it is refused,
    /// because forcing an arbitrary one would be a silent guess.
    /// </summary>
    public static void CheckToolMode(ChatToolMode? mode, int toolCount)
    {
        switch (mode)
        {
            case null or NoneChatToolMode or AutoChatToolMode or RequiredChatToolMode { RequiredFunctionName: not null }:
                return;
            case RequiredChatToolMode when toolCount == 1:
                return;
            case RequiredChatToolMode:
                throw new ArgumentException(
                    $"ChatOptions.ToolMode RequireAny has no CLOVA equivalent (toolChoice is auto, none or one named function) and {toolCount} tools were given. Use ChatToolMode.RequireSpecific(name), or pass a single tool.",
                    "options");
            default:
                throw new ArgumentException($"ChatOptions.ToolMode {mode.GetType().Name} is not supported by CLOVA Studio.", "options");
        }
    }

    // ---- Fields across dialects ---------------------------------------------------------------------------------

    /// <summary>A typed option whose field the dialect does not have (tools on v1, …).</summary>
    public static ArgumentException NotInDialect(ClovaParameter row, ClovaDialect dialect, ClovaModelInfo model) =>
        new($"The {Describe(dialect)} ({model.Name}) has no {Describe(row.Requires, row)}; {row.ChatOption} needs {ClovaModelCatalog.ModelsWith(row.Requires)}.", "options");

    /// <summary>
    /// An <c>AdditionalProperties</c> key that is not a field of this dialect but is one of the other chat dialect: the
    /// caller meant it, so it is refused rather than dropped, pointing at this dialect's name and range for the same
    /// field (<c>repetitionPenalty</c> on v1 is <c>repeatPenalty</c>, with another range) or saying it has none.
    /// Keys that are no CLOVA chat field at all belong to other components and are left alone.
    /// </summary>
    public static void CheckForeignKey(string key, ClovaDialect dialect, ClovaModelInfo model)
    {
        // RAG reasoning speaks v3's names, so v1 is "the other dialect" for it too.
        ClovaDialect other = dialect == ClovaDialect.V1Chat ? ClovaDialect.V3Chat : ClovaDialect.V1Chat;
        if (dialect == ClovaDialect.LkCompletion || ClovaParameters.Find(other, key) is not { FromAdditionalProperties: true } row)
        {
            return;
        }

        string theirs = row.Field(other)!.Range is { } range ? $" ({range})" : "";
        throw row.Field(dialect) is { } ours
            ? new ArgumentException(
                $"ChatOptions.AdditionalProperties[\"{key}\"] is the {Short(other)} field{theirs}; the {Short(dialect)} API ({model.Name}) takes \"{ours.Name}\"{DescribeField(ours)}.", "options")
            : new ArgumentException($"ChatOptions.AdditionalProperties[\"{key}\"] is a {Short(other)} field; the {Describe(dialect)} ({model.Name}) does not accept it.", "options");
    }

    // ---- The HCX-007 thinking policy ------------------------------------------------------------------------------

    /// <summary>
    /// HCX-007 thinks by default, and CLOVA refuses thinking together with <c>stop</c>, tools or structured outputs.
    /// When the caller asked for one of those without choosing an effort, thinking is turned off so the request can
    /// succeed; when the caller chose reasoning explicitly, <see cref="Check"/> refuses the combination instead of
    /// silently dropping either. Tools also need an output limit of at least 1024: it defaults to that.
    /// </summary>
    public static void ApplyThinkingPolicy(ClovaRequest request, ClovaModelInfo model)
    {
        if (request.Dialect != ClovaDialect.V3Chat)
        {
            return;
        }

        ClovaParameterValues values = request.Values;
        bool needsNoThinking = values.Has(ClovaParameters.Stop) || values.Has(ClovaParameters.Tools) || values.Has(ClovaParameters.ResponseFormat);
        if (model.IsKnown && model.SupportsThinking && needsNoThinking && !values.Has(ClovaParameters.Thinking))
        {
            values.Set(ClovaParameters.Thinking, "none", ClovaValueSource.Policy);
        }

        if (values.Has(ClovaParameters.Tools) && !values.Has(ClovaParameters.MaxTokens) && !values.Has(ClovaParameters.MaxCompletionTokens))
        {
            values.Set(model.UsesMaxCompletionTokens ? ClovaParameters.MaxCompletionTokens : ClovaParameters.MaxTokens, (long)MinOutputTokensWithTools, ClovaValueSource.Policy);
        }
    }

    // ---- The mapped request ---------------------------------------------------------------------------------------

    /// <summary>Every rule on a mapped chat request: ranges, capabilities, thinking, output limit, tools, structured outputs, images.</summary>
    public static void Check(ClovaRequest request, ClovaModelInfo model)
    {
        if (request.Dialect == ClovaDialect.V1Chat)
        {
            CheckTextOnly(request.Messages!, $"The v1 chat API ({model.Name})");
        }

        if (request.Dialect == ClovaDialect.RagReasoning && !request.Values.Has(ClovaParameters.Tools))
        {
            throw new ArgumentException("RAG reasoning needs ChatOptions.Tools: CLOVA requires at least one tool (the search function it calls to find documents).", "options");
        }

        CheckRanges(request, model);
        CheckCapabilities(request, model);
        CheckThinking(request, model);
        CheckOutputLimit(request, model);
        CheckTools(request, model);
        CheckResponseFormat(request, model);
        CheckImages(request, model);
    }

    /// <summary>v1 (chat and its token calculator) takes plain text messages only.</summary>
    public static void CheckTextOnly(List<ClovaRequestMessage> messages, string api)
    {
        foreach (ClovaRequestMessage message in messages)
        {
            if (message.Content.Parts is not null || message.ToolCalls is not null || message.Role == "tool")
            {
                throw new ArgumentException($"{api} takes text only: no images, tool calls or tool results. Use a v3 model such as HCX-005.", "messages");
            }
        }
    }

    /// <summary>The documented range of every set field, from its row in <see cref="ClovaParameters"/>.</summary>
    public static void CheckRanges(ClovaRequest request, ClovaModelInfo? model)
    {
        foreach (ClovaParameter row in ClovaParameters.All)
        {
            if (request.Values[row] is not { } value || row.Field(request.Dialect) is not { } field)
            {
                continue;
            }

            switch (value)
            {
                case double or long when field.Range is { } range:
                    double number = value is double d ? d : (long)value;
                    if (!range.Contains(number))
                    {
                        throw Refuse(request, row, field, $"must be {range.Describe()}", value is double ? ClovaRange.Format(number) : ((long)value).ToString(CultureInfo.InvariantCulture), model);
                    }

                    break;
                case List<string> list when list.Any(string.IsNullOrEmpty):
                    throw new ArgumentException($"{field.Name} ({OptionOf(request, row)}) must not contain an empty string.", ParameterOf(request));
            }
        }
    }

    /// <summary>The completion request's own rule: a prompt is required (CLOVA answers 40004 to an empty one).</summary>
    public static void CheckCompletion(ClovaCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Text))
        {
            throw new ArgumentException("ClovaCompletionRequest.Text is required and must not be empty (CLOVA answers 40004).", nameof(request));
        }
    }

    // ---- Embeddings ----------------------------------------------------------------------------------------------

    /// <summary>
    /// The embedding rules: every text non-blank (CLOVA answers 40004), the vector size the model has, the legacy
    /// gateway's app segment and app id, and a length pre-check only where a tokenizer exists.
    /// </summary>
    public static void CheckEmbedding(IReadOnlyList<string> values, EmbeddingGenerationOptions? options, ClovaEmbeddingModelInfo model, bool checkTokenLimit, bool legacyKeys, bool hasAppPath, string? legacyAppId)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                throw new ArgumentException($"Input {i} is {(values[i] is null ? "null" : "empty or blank")}: CLOVA embeds only non-blank text (it answers 40004).", "values");
            }
        }

        if (options?.Dimensions is int dimensions && dimensions != model.Dimensions)
        {
            throw new ArgumentException($"EmbeddingGenerationOptions.Dimensions is {dimensions}, but {model.Name} gives only {model.Dimensions}-dimensional vectors; leave it unset or set {model.Dimensions}.", "options");
        }

        CheckEmbeddingModel(model, checkTokenLimit, legacyKeys, hasAppPath, legacyAppId);
    }

    /// <summary>The rules that depend on the model and the configuration only, checked when a generator is made and per call.</summary>
    public static void CheckEmbeddingModel(ClovaEmbeddingModelInfo model, bool checkTokenLimit, bool legacyKeys, bool hasAppPath, string? legacyAppId)
    {
        CheckLegacyForm("embeddings", "embedding/…", hasLegacyForm: true, legacyKeys, hasAppPath, legacyAppId);

        if (checkTokenLimit && !model.HasTokenizer)
        {
            throw new ArgumentException($"ClovaEmbeddingGeneratorOptions.CheckTokenLimit needs CLOVA's embedding tokenizer, which exists for {ClovaModels.BgeM3} only, not {model.Name}.", "options");
        }
    }

    /// <summary>
    /// An api-tool under the legacy key pair: the gateway serves it at <c>/{testapp|serviceapp}/v1/api-tools/…/{appId}</c>,
    /// so both must be configured; a tool with no legacy form (reranker, RAG reasoning, router) is refused outright.
    /// </summary>
    public static void CheckLegacyForm(string tool, string pathHint, bool hasLegacyForm, bool legacyKeys, bool hasAppPath, string? legacyAppId)
    {
        if (!legacyKeys)
        {
            return;
        }

        if (!hasLegacyForm)
        {
            throw new InvalidOperationException($"CLOVA's {tool} has no legacy API-gateway form (it came after keys stopped needing an app): use ClovaClientOptions.ApiKey.");
        }

        if (legacyAppId is null || !hasAppPath)
        {
            throw new InvalidOperationException(
                $"With the legacy key pair, CLOVA's API gateway serves {tool} at /{{testapp|serviceapp}}/v1/api-tools/{pathHint}/{{appId}}: set ClovaClientOptions.AppPath ('testapp' or 'serviceapp') and ClovaClientOptions.LegacyAppId (the app id from the CLOVA Studio console), or use ApiKey.");
        }
    }

    // ---- RAG tools -----------------------------------------------------------------------------------------------

    /// <summary>The reranker's documented limits: a query, at least one document with an id and text, maxTokens 1–4,096.</summary>
    public static void CheckRerank(string? query, IReadOnlyList<ClovaDocument?> documents, int? maxTokens)
    {
        RequireText(query, "query");
        if (documents.Count == 0)
        {
            throw new ArgumentException("documents must hold at least one document for the reranker to read.", nameof(documents));
        }

        for (int i = 0; i < documents.Count; i++)
        {
            if (documents[i] is not { } document || string.IsNullOrWhiteSpace(document.Id) || string.IsNullOrEmpty(document.Text))
            {
                throw new ArgumentException($"documents[{i}] must have an Id and a Text (CLOVA requires both).", nameof(documents));
            }
        }

        if (maxTokens is < 1 or > 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, "The reranker's maxTokens must be 1 to 4,096 (default 1,024).");
        }
    }

    /// <summary>Summarization: 1–35,000 characters in total over non-null texts, and the segment settings' ranges.</summary>
    public static void CheckSummarization(IReadOnlyList<string?> texts, ClovaSummarizationOptions? options)
    {
        const int MaxCharacters = 35_000;
        long total = 0;
        for (int i = 0; i < texts.Count; i++)
        {
            total += texts[i]?.Length ?? throw new ArgumentException($"texts[{i}] is null.", nameof(texts));
        }

        if (total == 0 || texts.All(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("texts must hold some text to summarise (CLOVA answers 40004 to an empty one).", nameof(texts));
        }

        if (total > MaxCharacters)
        {
            throw new ArgumentException($"texts hold {total:N0} characters; summarization takes up to {MaxCharacters:N0} in total (CLOVA answers 40003). Split the text (GetSegmenter() gives topical paragraphs) and summarise the parts.", nameof(texts));
        }

        CheckAutoOrPositive(options?.SegmentCount, "ClovaSummarizationOptions.SegmentCount (segCount)");
        CheckRange(options?.SegmentMaxSize, 1, 3_000, "ClovaSummarizationOptions.SegmentMaxSize (segMaxSize)");
        CheckRange(options?.SegmentMinSize, 0, options?.SegmentMaxSize ?? 1_000, "ClovaSummarizationOptions.SegmentMinSize (segMinSize)", "SegmentMaxSize");
    }

    /// <summary>Segmentation: 1–120,000 characters of text, alpha -100 or -1.5..1.5, and the post-processing ranges.</summary>
    public static void CheckSegmentation(string? text, ClovaSegmentationOptions? options)
    {
        const int MaxCharacters = 120_000;
        RequireText(text, "text");
        if (text!.Length > MaxCharacters)
        {
            throw new ArgumentException($"text has {text.Length:N0} characters; segmentation takes up to {MaxCharacters:N0} (CLOVA answers 40003).", nameof(text));
        }

        if (options?.Alpha is double alpha && alpha != -100 && !(alpha >= -1.5 && alpha <= 1.5))
        {
            throw new ArgumentOutOfRangeException("options", alpha, "ClovaSegmentationOptions.Alpha (alpha) must be -100 (automatic) or between -1.5 and 1.5.");
        }

        CheckAutoOrPositive(options?.SegmentCount, "ClovaSegmentationOptions.SegmentCount (segCnt)");
        CheckRange(options?.PostProcessMaxSize, 1, int.MaxValue, "ClovaSegmentationOptions.PostProcessMaxSize (postProcessMaxSize)");
        if (options?.PostProcessMinSize is not -1)
        {
            CheckRange(options?.PostProcessMinSize, 0, options?.PostProcessMaxSize ?? 1_000, "ClovaSegmentationOptions.PostProcessMinSize (postProcessMinSize; or -1)", "PostProcessMaxSize");
        }
    }

    /// <summary>The router: a non-blank query and a version from 1.</summary>
    public static void CheckRoute(string? query, int version)
    {
        RequireText(query, "query");
        if (version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "A router version is a number from 1, as the CLOVA Studio console shows it.");
        }
    }

    private static void RequireText(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"{name} must not be empty or blank (CLOVA answers 40004).", name);
        }
    }

    private static void CheckAutoOrPositive(int? value, string option)
    {
        if (value is not null and not -1 and < 1)
        {
            throw new ArgumentOutOfRangeException("options", value, $"{option} must be -1 (automatic) or 1 and up.");
        }
    }

    private static void CheckRange(int? value, int min, int max, string option, string? maxFrom = null)
    {
        if (value is { } v && (v < min || v > max))
        {
            string rule = max == int.MaxValue ? $"{min:N0} or more" : maxFrom is null ? $"{min:N0} to {max:N0}" : $"{min:N0} to {max:N0} ({maxFrom})";
            throw new ArgumentOutOfRangeException("options", v, $"{option} must be {rule}.");
        }
    }

    private static void CheckCapabilities(ClovaRequest request, ClovaModelInfo model)
    {
        if (!model.IsKnown)
        {
            return;
        }

        foreach (ClovaParameter row in ClovaParameters.All)
        {
            if (row.Requires != ClovaCapability.None && request.Values.Has(row) && row.Field(request.Dialect) is not null && !model.Has(row.Requires))
            {
                throw new ArgumentException($"{model.Name} does not support {Describe(row.Requires, row)} ({OptionOf(request, row)}); use {ClovaModelCatalog.ModelsWith(row.Requires)}.", "options");
            }
        }
    }

    private static void CheckThinking(ClovaRequest request, ClovaModelInfo model)
    {
        if (request.Values.Text(ClovaParameters.Thinking) is not { } effort)
        {
            return;
        }

        if (!Efforts.Contains(effort))
        {
            throw new ArgumentException($"thinking.effort must be none, low, medium or high; got '{effort}'.", "options");
        }

        if (effort != "none" && request.Values.Has(ClovaParameters.Stop))
        {
            throw new ArgumentException(
                $"stop (ChatOptions.StopSequences) cannot be combined with reasoning on {model.Name}: CLOVA rejects 'stop' while thinking is on. Set ChatOptions.Reasoning.Effort to ReasoningEffort.None, or remove the stop sequences.",
                "options");
        }
    }

    private static void CheckOutputLimit(ClovaRequest request, ClovaModelInfo model)
    {
        ClovaParameterValues values = request.Values;
        long? maxTokens = values.Integer(ClovaParameters.MaxTokens);
        long? maxCompletionTokens = values.Integer(ClovaParameters.MaxCompletionTokens);
        if (maxTokens is not null && maxCompletionTokens is not null)
        {
            throw new ArgumentException("maxTokens and maxCompletionTokens cannot both be sent; use ChatOptions.MaxOutputTokens and let the connector pick the field for the model.", "options");
        }

        if (request.Dialect == ClovaDialect.V3Chat && model.IsKnown && model.UsesMaxCompletionTokens && maxTokens is not null)
        {
            throw new ArgumentException($"{model.Name} does not accept maxTokens; its output limit is maxCompletionTokens (set ChatOptions.MaxOutputTokens).", "options");
        }

        if (model.IsKnown && !model.UsesMaxCompletionTokens && maxCompletionTokens is not null)
        {
            throw new ArgumentException($"{model.Name} does not accept maxCompletionTokens; its output limit is maxTokens (set ChatOptions.MaxOutputTokens).", "options");
        }

        ClovaParameter row = maxCompletionTokens is not null ? ClovaParameters.MaxCompletionTokens : ClovaParameters.MaxTokens;
        if ((maxCompletionTokens ?? maxTokens) is { } limit && limit > model.MaxOutputTokens)
        {
            throw new ArgumentException($"{row.Field(request.Dialect)!.Name} ({OptionOf(request, row)}) is {limit}, above {model.Name}'s maximum of {model.MaxOutputTokens}.", "options");
        }
    }

    private static void CheckTools(ClovaRequest request, ClovaModelInfo model)
    {
        if (request.Values[ClovaParameters.Tools] is not List<ClovaTool> tools)
        {
            return;
        }

        if (request.Values.Text(ClovaParameters.Thinking) is { } effort and not "none")
        {
            throw new ArgumentException(
                $"ChatOptions.Tools cannot be combined with reasoning on {model.Name}: CLOVA calls functions only with thinking off. Leave ChatOptions.Reasoning unset (the connector then turns thinking off) or set its Effort to ReasoningEffort.None.",
                "options");
        }

        if ((request.Values.Integer(ClovaParameters.MaxCompletionTokens) ?? request.Values.Integer(ClovaParameters.MaxTokens)) is < MinOutputTokensWithTools and long limit)
        {
            throw new ArgumentException($"ChatOptions.MaxOutputTokens is {limit}, but CLOVA requires at least {MinOutputTokensWithTools} when tools are sent (unset, it defaults to {MinOutputTokensWithTools}).", "options");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ClovaTool tool in tools)
        {
            if (string.IsNullOrWhiteSpace(tool.Function.Name) || !names.Add(tool.Function.Name))
            {
                throw new ArgumentException($"ChatOptions.Tools must have distinct, non-empty function names; '{tool.Function.Name}' is empty or repeated.", "options");
            }
        }

        if ((request.Values[ClovaParameters.ToolChoice] as ClovaToolChoice)?.FunctionName is { } forced && !names.Contains(forced))
        {
            throw new ArgumentException($"ChatOptions.ToolMode requires function '{forced}', which is not among ChatOptions.Tools ({string.Join(", ", names)}).", "options");
        }
    }

    private static void CheckResponseFormat(ClovaRequest request, ClovaModelInfo model)
    {
        if (!request.Values.Has(ClovaParameters.ResponseFormat))
        {
            return;
        }

        if (request.Values.Text(ClovaParameters.Thinking) is { } effort and not "none")
        {
            throw new ArgumentException(
                $"ChatOptions.ResponseFormat cannot be combined with reasoning on {model.Name}: CLOVA produces structured outputs only with thinking off. Leave ChatOptions.Reasoning unset or set its Effort to ReasoningEffort.None.",
                "options");
        }

        if (request.Values.Has(ClovaParameters.Tools))
        {
            throw new ArgumentException("ChatOptions.ResponseFormat (structured outputs) cannot be combined with ChatOptions.Tools in one CLOVA request.", "options");
        }
    }

    private static void CheckImages(ClovaRequest request, ClovaModelInfo model)
    {
        List<ClovaRequestMessage> messages = request.Messages!;
        int total = 0;
        for (int i = 0; i < messages.Count; i++)
        {
            int inTurn = messages[i].Content.Parts?.Count(p => p.Type == ClovaContentPart.ImageType) ?? 0;
            if (inTurn > 1)
            {
                throw new ArgumentException($"CLOVA accepts one image per user turn; message {i} (after system messages are merged) has {inTurn}. Split them over several user messages.", "options");
            }

            total += inTurn;
        }

        if (total == 0)
        {
            return;
        }

        if (model.IsKnown && !model.SupportsImages)
        {
            throw new ArgumentException($"{model.Name} does not accept images; use {ClovaModelCatalog.ModelsWith(ClovaCapability.Images)}.", "options");
        }

        if (total > MaxImagesPerRequest)
        {
            throw new ArgumentException($"CLOVA accepts at most {MaxImagesPerRequest} images per request; this conversation has {total}. Drop older images from the history.", "options");
        }

        if (request.Values.Has(ClovaParameters.Tools))
        {
            throw new ArgumentException("Images cannot be combined with ChatOptions.Tools in one CLOVA request.", "options");
        }
    }

    // ---- JSON Schemas ---------------------------------------------------------------------------------------------

    /// <summary>
    /// The JSON Schema subset CLOVA documents (structured outputs; tool parameters are read against it too): types,
    /// the listed formats, minimum/maximum, minItems/maxItems/items, properties/required, enum, anyOf, description.
    /// </summary>
    public static readonly HashSet<string> SchemaKeywords =
    [
        "type", "description", "properties", "required", "items", "enum", "anyOf", "minimum", "maximum",
        "minItems", "maxItems", "format",
    ];

    /// <summary>Keywords that only annotate: dropped from a structured-output schema without changing what output is valid.</summary>
    public static readonly HashSet<string> SchemaAnnotations =
    [
        "$schema", "$id", "$comment", "title", "default", "examples", "readOnly", "writeOnly", "deprecated",
        // additionalProperties constrains, but CLOVA's subset lacks it: dropping it is the only way to send the schema.
        "additionalProperties",
    ];

    public static readonly HashSet<string> SchemaFormats = ["date-time", "date", "time", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"];

    public static readonly HashSet<string> SchemaTypes = ["string", "number", "boolean", "integer", "object", "array"];

    /// <summary>
    /// Checks a structured-output schema against CLOVA's subset before anything is transformed: every keyword is in
    /// the subset or an annotation that will be dropped (or <c>const</c>, sent as a one-value enum), types are
    /// supported, and <c>properties</c>, <c>items</c> and <c>anyOf</c> hold schema objects. The refusal names the
    /// keyword and where it stands.
    /// </summary>
    public static void CheckResponseSchema(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw RefuseSchema("$", "the schema must be a JSON object");
        }

        CheckResponseSchema(schema, "$", depth: 0);
    }

    /// <summary>A structured-output schema CLOVA cannot express, with the keyword's place (CLOVA would answer 40055).</summary>
    public static ArgumentException RefuseSchema(string path, string why) =>
        new($"ChatOptions.ResponseFormat schema at {path}: {why}. Remove it from the schema (CLOVA answers 40055 to schemas outside its subset).", "options");

    private static void CheckResponseSchema(JsonElement schema, string path, int depth)
    {
        if (depth > MaxSchemaDepth)
        {
            throw RefuseSchema(path, $"the schema nests deeper than {MaxSchemaDepth} levels");
        }

        foreach (JsonProperty keyword in schema.EnumerateObject())
        {
            string at = $"{path}.{keyword.Name}";
            JsonElement value = keyword.Value;
            if (SchemaAnnotations.Contains(keyword.Name) || keyword.Name == "const")
            {
                continue;
            }

            if (!SchemaKeywords.Contains(keyword.Name))
            {
                throw RefuseSchema(at, $"'{keyword.Name}' is outside the JSON Schema subset CLOVA structured outputs support");
            }

            switch (keyword.Name)
            {
                case "type":
                    CheckSchemaType(value, at);
                    break;
                case "properties":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        throw RefuseSchema(at, "'properties' must be an object");
                    }

                    foreach (JsonProperty property in value.EnumerateObject())
                    {
                        string propertyPath = $"{at}.{property.Name}";
                        CheckResponseSchema(property.Value.ValueKind == JsonValueKind.Object ? property.Value : throw RefuseSchema(propertyPath, "a property schema must be an object"), propertyPath, depth + 1);
                    }

                    break;
                case "items":
                    CheckResponseSchema(value.ValueKind == JsonValueKind.Object ? value : throw RefuseSchema(at, "'items' must be one schema object"), at, depth + 1);
                    break;
                case "anyOf":
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw RefuseSchema(at, "'anyOf' must be an array");
                    }

                    int i = 0;
                    foreach (JsonElement option in value.EnumerateArray())
                    {
                        string optionPath = $"{at}[{i++}]";
                        CheckResponseSchema(option.ValueKind == JsonValueKind.Object ? option : throw RefuseSchema(optionPath, "each 'anyOf' entry must be a schema object"), optionPath, depth + 1);
                    }

                    break;
            }
        }
    }

    private static void CheckSchemaType(JsonElement type, string at)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            if (!SchemaTypes.Contains(type.GetString()!))
            {
                throw RefuseSchema(at, $"type '{type.GetString()}' is not supported (string, number, boolean, integer, object, array)");
            }

            return;
        }

        if (type.ValueKind != JsonValueKind.Array)
        {
            throw RefuseSchema(at, "'type' must be a string or an array of strings");
        }

        int nonNull = 0;
        foreach (JsonElement item in type.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw RefuseSchema(at, "'type' must hold strings");
            }

            if (item.GetString() != "null")
            {
                CheckSchemaType(item, at);
                nonNull++;
            }
        }

        if (nonNull == 0)
        {
            throw RefuseSchema(at, "a schema that only allows null cannot be expressed");
        }
    }

    // ---- Wording --------------------------------------------------------------------------------------------------

    private static ArgumentException Refuse(ClovaRequest request, ClovaParameter row, ClovaWireField field, string rule, string got, ClovaModelInfo? model)
    {
        string note = field.Note is null ? "" : $" ({field.Note})";
        string dialect = request.Dialect == ClovaDialect.V1Chat ? " on the v1 API" : "";
        string forModel = model is null ? "" : $" for {model.Name}";
        // LK options are properties of the caller's own request object: name the property alone.
        string subject = request.Dialect == ClovaDialect.LkCompletion ? OptionOf(request, row) : $"{field.Name} ({OptionOf(request, row)})";
        return new ArgumentException($"{subject} {rule}{note}{dialect}{forModel}; got {got}.", ParameterOf(request));
    }

    /// <summary>What the caller set: the typed option, or the <c>AdditionalProperties</c> key.</summary>
    private static string OptionOf(ClovaRequest request, ClovaParameter row)
    {
        ClovaWireField field = row.Field(request.Dialect)!;
        return request.Dialect == ClovaDialect.LkCompletion
            ? row.CompletionOption ?? field.Name
            : request.Values.SourceOf(row) == ClovaValueSource.AdditionalProperties || row.ChatOption is null
                ? $"ChatOptions.AdditionalProperties[\"{field.Name}\"]"
                : row.ChatOption;
    }

    private static string ParameterOf(ClovaRequest request) => request.Dialect == ClovaDialect.LkCompletion ? "request" : "options";

    private static string DescribeField(ClovaWireField field) =>
        (field.Range, field.Default) switch
        {
            (null, null) => "",
            ({ } range, null) => $" ({range})",
            (null, { } d) => $" (default {d})",
            ({ } range, { } d) => $" ({range}, default {d})",
        };

    private static string Short(ClovaDialect dialect) => dialect switch
    {
        ClovaDialect.V1Chat => "v1",
        ClovaDialect.RagReasoning => "RAG reasoning",
        _ => "v3",
    };

    private static string Describe(ClovaDialect dialect) => dialect switch
    {
        ClovaDialect.V1Chat => "v1 chat API",
        ClovaDialect.V3Chat => "v3 chat API",
        ClovaDialect.RagReasoning => "RAG reasoning API",
        _ => "LK completion API",
    };

    private static string Describe(ClovaCapability capability, ClovaParameter row) => capability switch
    {
        ClovaCapability.Tools => "function calling",
        ClovaCapability.StructuredOutputs => "structured outputs",
        ClovaCapability.Thinking => "reasoning (thinking)",
        ClovaCapability.Images => "image input",
        _ => row.ToString(),
    };
}
