namespace Clova.Internal;

/// <summary>
/// The models in the CLOVA API table (the spec's "Models" section): the one catalogue of capabilities, read by the
/// parameter table (which output field, whether thinking maps) and the rule book (limits and refusals).
/// </summary>
internal static class ClovaModelCatalog
{
    private static readonly ClovaModelInfo[] Models =
    [
        new(ClovaModels.Hcx007, IsKnown: true, SupportsThinking: true, UsesMaxCompletionTokens: true, MaxOutputTokens: 32_768, ContextWindow: 128_000, SupportsTools: true, SupportsImages: false, SupportsStructuredOutputs: true),
        new(ClovaModels.Hcx005, IsKnown: true, SupportsThinking: false, UsesMaxCompletionTokens: false, MaxOutputTokens: 4_096, ContextWindow: 128_000, SupportsTools: true, SupportsImages: true, SupportsStructuredOutputs: false),
        new(ClovaModels.HcxDash002, IsKnown: true, SupportsThinking: false, UsesMaxCompletionTokens: false, MaxOutputTokens: 4_096, ContextWindow: 32_000, SupportsTools: true, SupportsImages: false, SupportsStructuredOutputs: false),
        new(ClovaModels.Hcx003, IsKnown: true, SupportsThinking: false, UsesMaxCompletionTokens: false, MaxOutputTokens: 4_096, ContextWindow: 8_192, SupportsTools: false, SupportsImages: false, SupportsStructuredOutputs: false, DefaultApi: ClovaApiVersion.V1),
        new(ClovaModels.HcxDash001, IsKnown: true, SupportsThinking: false, UsesMaxCompletionTokens: false, MaxOutputTokens: 4_096, ContextWindow: 4_096, SupportsTools: false, SupportsImages: false, SupportsStructuredOutputs: false, DefaultApi: ClovaApiVersion.V1),
    ];

    private static readonly Dictionary<string, ClovaModelInfo> Known = Models.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Returns the entry for <paramref name="modelId"/>. An unknown id (a model newer than this library) is
    /// passed through unchecked, with output length sent as <c>maxTokens</c>; callers can still send
    /// <c>maxCompletionTokens</c> or <c>thinking</c> through <c>AdditionalProperties</c>.
    /// </summary>
    public static ClovaModelInfo Get(string modelId) =>
        Known.TryGetValue(modelId, out ClovaModelInfo? info)
            ? info
            : new ClovaModelInfo(modelId, false, SupportsThinking: true, UsesMaxCompletionTokens: false, null, null);

    /// <summary>
    /// A tuned task: plain chat only (no thinking, tools, structured outputs or images, per the spec); its output
    /// limit is the base model's, which the task id does not reveal, so it is left to the service.
    /// </summary>
    public static ClovaModelInfo ForTask(string taskId) =>
        new(taskId, true, SupportsThinking: false, UsesMaxCompletionTokens: false, null, null, SupportsTools: false, SupportsImages: false, SupportsStructuredOutputs: false);

    /// <summary>
    /// RAG reasoning (<c>/v1/api-tools/rag-reasoning</c>): one fixed model behind the tool, 128k in and under 4,096 out,
    /// tools required, text only, no thinking or structured outputs.
    /// </summary>
    public static readonly ClovaModelInfo RagReasoning = new(
        "rag-reasoning", IsKnown: true, SupportsThinking: false, UsesMaxCompletionTokens: false, MaxOutputTokens: 4_095, ContextWindow: 128_000, SupportsTools: true, SupportsImages: false, SupportsStructuredOutputs: false);

    /// <summary>The embedding models: the API each is served by, its input limit and its vector size.</summary>
    private static readonly Dictionary<string, ClovaEmbeddingModelInfo> EmbeddingModels = new ClovaEmbeddingModelInfo[]
    {
        new(ClovaModels.ClirEmbDolphin, IsKnown: true, IsV2: false, MaxInputTokens: 500, Dimensions: 1024),
        new(ClovaModels.ClirStsDolphin, IsKnown: true, IsV2: false, MaxInputTokens: 500, Dimensions: 1024),
        new(ClovaModels.BgeM3, IsKnown: true, IsV2: true, MaxInputTokens: 8_192, Dimensions: 1024),
    }.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Returns the embedding entry for <paramref name="modelId"/>. An unknown id (a model newer than this library) is
    /// sent to the v1 path <c>embedding/{model}</c>, where CLOVA serves named embedding models, with no local limit.
    /// </summary>
    public static ClovaEmbeddingModelInfo GetEmbedding(string modelId) =>
        EmbeddingModels.TryGetValue(modelId, out ClovaEmbeddingModelInfo? info)
            ? info
            : new ClovaEmbeddingModelInfo(modelId, IsKnown: false, IsV2: false, MaxInputTokens: null, Dimensions: 1024);

    /// <summary>The known models with <paramref name="capability"/>, for refusals that say which model to use ("HCX-007 or HCX-005").</summary>
    public static string ModelsWith(ClovaCapability capability)
    {
        string[] names = [.. Models.Where(m => m.Has(capability)).Select(m => m.Name)];
        return names.Length <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
