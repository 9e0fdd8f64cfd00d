namespace Clova;

/// <summary>
/// A legacy LK completion request (<c>POST /v1/completions/{model}</c>, LK-D2 / LK-B). Unset members are not
/// sent, so the service's defaults apply.
/// </summary>
public sealed class ClovaCompletionRequest
{
    /// <summary>Gets or sets the prompt (<c>text</c>); required. Prompt tokens plus <see cref="MaxTokens"/> may not exceed 2048.</summary>
    public required string Text { get; set; }

    /// <summary>Gets or sets text appended after the prompt before generation (<c>start</c>), e.g. <c>"\nEnglish: "</c>.</summary>
    public string? Start { get; set; }

    /// <summary>Gets or sets text appended after the generated output (<c>restart</c>).</summary>
    public string? Restart { get; set; }

    /// <summary>Gets or sets strings that stop generation before they would be produced (<c>stopBefore</c>).</summary>
    public IList<string>? StopBefore { get; set; }

    /// <summary>Gets or sets the output limit (<c>maxTokens</c>): 1 … 2048, default 100.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Gets or sets the temperature: 0 &lt; x ≤ 1, default 0.5.</summary>
    public double? Temperature { get; set; }

    /// <summary>Gets or sets top-p: 0 &lt; x ≤ 1, default 0.8.</summary>
    public double? TopP { get; set; }

    /// <summary>Gets or sets top-k: 0 … 128, default 0.</summary>
    public int? TopK { get; set; }

    /// <summary>Gets or sets the repetition penalty (<c>repeatPenalty</c>): 0 &lt; x ≤ 10, default 5.</summary>
    public double? RepeatPenalty { get; set; }

    /// <summary>Gets or sets whether the input and output token lists are returned (<c>includeTokens</c>, service default true).</summary>
    public bool? IncludeTokens { get; set; }

    /// <summary>Gets or sets whether AI-filter results are returned (<c>includeAiFilters</c>).</summary>
    public bool? IncludeAiFilters { get; set; }

    /// <summary>Gets or sets whether candidate-token probabilities are returned (<c>includeProbs</c>).</summary>
    public bool? IncludeProbs { get; set; }
}
