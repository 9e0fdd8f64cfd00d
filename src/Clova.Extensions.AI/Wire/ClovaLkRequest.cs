namespace Clova.Wire;

/// <summary>The body of <c>POST /v1/completions/{model}</c>.</summary>
internal sealed class ClovaLkRequest
{
    public string Text { get; set; } = "";

    public string? Start { get; set; }

    public string? Restart { get; set; }

    public List<string>? StopBefore { get; set; }

    public int? MaxTokens { get; set; }

    public double? Temperature { get; set; }

    public double? TopP { get; set; }

    public int? TopK { get; set; }

    public double? RepeatPenalty { get; set; }

    public bool? IncludeTokens { get; set; }

    public bool? IncludeAiFilters { get; set; }

    public bool? IncludeProbs { get; set; }
}
