namespace Clova.Wire;

/// <summary>The body of <c>POST /v1/chat-completions/{model}</c> and <c>/v1/tasks/{taskId}/chat-completions</c>.</summary>
internal sealed class ClovaV1ChatRequest
{
    public List<ClovaRequestMessage> Messages { get; set; } = [];

    public double? Temperature { get; set; }

    public int? TopK { get; set; }

    public double? TopP { get; set; }

    /// <summary>v1's name and range (0 &lt; x ≤ 10), not v3's <c>repetitionPenalty</c>.</summary>
    public double? RepeatPenalty { get; set; }

    public List<string>? StopBefore { get; set; }

    public int? MaxTokens { get; set; }

    public bool? IncludeAiFilters { get; set; }

    public long? Seed { get; set; }
}
