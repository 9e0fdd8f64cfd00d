using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace Clova.SemanticKernel;

/// <summary>
/// CLOVA Studio settings for Semantic Kernel prompts and services. JSON names are the snake_case ones SK's generic
/// settings use (<c>max_tokens</c>, <c>top_p</c>, <c>top_k</c>, <c>reasoning_effort</c>…), so prompt-template
/// execution settings written for other connectors carry over.
/// </summary>
public sealed class ClovaPromptExecutionSettings : PromptExecutionSettings
{
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNameCaseInsensitive = true,
    };

    private string? _reasoningEffort;
    private int? _maxTokens;
    private double? _temperature;
    private double? _topP;
    private int? _topK;
    private double? _repetitionPenalty;
    private IList<string>? _stopSequences;
    private long? _seed;
    private bool? _includeAiFilters;
    private JsonElement? _responseFormat;

    /// <summary>Gets or sets the HCX-007 thinking effort: <c>none</c>, <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    [JsonPropertyName("reasoning_effort")]
    public string? ReasoningEffort { get => _reasoningEffort; set => Set(ref _reasoningEffort, value); }

    /// <summary>Gets or sets the output limit (<c>maxCompletionTokens</c> on HCX-007, <c>maxTokens</c> elsewhere).</summary>
    [JsonPropertyName("max_tokens")]
    public int? MaxTokens { get => _maxTokens; set => Set(ref _maxTokens, value); }

    /// <summary>Gets or sets the temperature (0 … 1).</summary>
    [JsonPropertyName("temperature")]
    public double? Temperature { get => _temperature; set => Set(ref _temperature, value); }

    /// <summary>Gets or sets top-p (0 &lt; x ≤ 1).</summary>
    [JsonPropertyName("top_p")]
    public double? TopP { get => _topP; set => Set(ref _topP, value); }

    /// <summary>Gets or sets top-k (0 … 128).</summary>
    [JsonPropertyName("top_k")]
    public int? TopK { get => _topK; set => Set(ref _topK, value); }

    /// <summary>
    /// Gets or sets the v3 repetition penalty (0 &lt; x ≤ 2). v1 models (HCX-003, HCX-DASH-001) refuse it: their
    /// <c>repeatPenalty</c> has another range (0–10), and rescaling silently would change its meaning.
    /// </summary>
    [JsonPropertyName("repetition_penalty")]
    public double? RepetitionPenalty { get => _repetitionPenalty; set => Set(ref _repetitionPenalty, value); }

    /// <summary>Gets or sets stop sequences (<c>stop</c>; <c>stopBefore</c> on v1).</summary>
    [JsonPropertyName("stop_sequences")]
    public IList<string>? StopSequences { get => _stopSequences; set => Set(ref _stopSequences, value); }

    /// <summary>Gets or sets the seed (0 … 4294967295).</summary>
    [JsonPropertyName("seed")]
    public long? Seed { get => _seed; set => Set(ref _seed, value); }

    /// <summary>Gets or sets whether AI-filter verdicts are returned (in metadata under <see cref="ClovaMetadataKeys.AiFilter"/>).</summary>
    [JsonPropertyName("include_ai_filters")]
    public bool? IncludeAiFilters { get => _includeAiFilters; set => Set(ref _includeAiFilters, value); }

    /// <summary>Gets or sets a JSON schema for structured outputs (HCX-007).</summary>
    [JsonPropertyName("response_format")]
    public JsonElement? ResponseFormat { get => _responseFormat; set => Set(ref _responseFormat, value); }

    /// <summary>
    /// Returns CLOVA settings for any settings object: the same instance when it already is one, otherwise a copy
    /// read through JSON (so generic <c>max_tokens</c>, <c>top_p</c>… in <c>ExtensionData</c> are understood),
    /// keeping its <see cref="PromptExecutionSettings.FunctionChoiceBehavior"/>.
    /// </summary>
    /// <param name="settings">Any settings, or null.</param>
    /// <returns>CLOVA settings.</returns>
    public static ClovaPromptExecutionSettings FromExecutionSettings(PromptExecutionSettings? settings)
    {
        switch (settings)
        {
            case null:
                return new ClovaPromptExecutionSettings();
            case ClovaPromptExecutionSettings clova:
                return clova;
        }

        string json = JsonSerializer.Serialize(settings);
        ClovaPromptExecutionSettings clovaSettings = JsonSerializer.Deserialize<ClovaPromptExecutionSettings>(json, ReadOptions)
            ?? new ClovaPromptExecutionSettings();
        clovaSettings.FunctionChoiceBehavior = settings.FunctionChoiceBehavior;
        return clovaSettings;
    }

    /// <inheritdoc />
    public override PromptExecutionSettings Clone() => new ClovaPromptExecutionSettings
    {
        ModelId = ModelId,
        ServiceId = ServiceId,
        FunctionChoiceBehavior = FunctionChoiceBehavior,
        ExtensionData = ExtensionData is null ? null : new Dictionary<string, object>(ExtensionData),
        ReasoningEffort = ReasoningEffort,
        MaxTokens = MaxTokens,
        Temperature = Temperature,
        TopP = TopP,
        TopK = TopK,
        RepetitionPenalty = RepetitionPenalty,
        StopSequences = StopSequences is null ? null : [.. StopSequences],
        Seed = Seed,
        IncludeAiFilters = IncludeAiFilters,
        ResponseFormat = ResponseFormat,
    };

    /// <inheritdoc />
    public override void Freeze()
    {
        if (IsFrozen)
        {
            return;
        }

        if (_stopSequences is not null)
        {
            _stopSequences = _stopSequences.ToArray().AsReadOnly();
        }

        base.Freeze();
    }

    /// <summary>
    /// Builds the Microsoft.Extensions.AI options the CLOVA chat client takes. Starts from SK's own conversion (which
    /// turns <see cref="PromptExecutionSettings.FunctionChoiceBehavior"/> into tools and carries the kernel for
    /// SK's function-invocation middleware), then sets the CLOVA fields.
    /// </summary>
    internal ChatOptions ToChatOptions(Kernel? kernel)
    {
        ChatOptions options = new PromptExecutionSettings { ModelId = ModelId, FunctionChoiceBehavior = FunctionChoiceBehavior }.ToChatOptions(kernel);
        options.MaxOutputTokens = MaxTokens;
        options.Temperature = (float?)Temperature;
        options.TopP = (float?)TopP;
        options.TopK = TopK;
        options.Seed = Seed;
        if (StopSequences is { Count: > 0 } stop)
        {
            options.StopSequences = [.. stop];
        }

        if (ReasoningEffort is { } effort)
        {
            options.AdditionalProperties ??= [];
            options.AdditionalProperties["thinking"] = effort;
        }

        if (IncludeAiFilters is { } filters)
        {
            options.AdditionalProperties ??= [];
            options.AdditionalProperties["includeAiFilters"] = filters;
        }

        if (RepetitionPenalty is { } penalty)
        {
            options.AdditionalProperties ??= [];
            options.AdditionalProperties["repetitionPenalty"] = penalty;
        }

        if (ResponseFormat is { } schema)
        {
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema);
        }

        return options;
    }

    private void Set<T>(ref T field, T value)
    {
        ThrowIfFrozen();
        field = value;
    }
}
