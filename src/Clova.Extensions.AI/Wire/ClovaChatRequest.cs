namespace Clova.Wire;

/// <summary>The body of <c>POST /v3/chat-completions/{model}</c>. Null members are not written.</summary>
internal sealed class ClovaChatRequest
{
    public List<ClovaRequestMessage> Messages { get; set; } = [];

    public ClovaThinking? Thinking { get; set; }

    public double? TopP { get; set; }

    public int? TopK { get; set; }

    public int? MaxTokens { get; set; }

    public int? MaxCompletionTokens { get; set; }

    public double? Temperature { get; set; }

    public double? RepetitionPenalty { get; set; }

    public List<string>? Stop { get; set; }

    public long? Seed { get; set; }

    public bool? IncludeAiFilters { get; set; }

    public List<ClovaTool>? Tools { get; set; }

    public ClovaToolChoice? ToolChoice { get; set; }

    public ClovaResponseFormat? ResponseFormat { get; set; }
}
