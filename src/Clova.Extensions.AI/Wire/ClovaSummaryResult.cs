namespace Clova.Wire;

/// <summary>The summarization <c>result</c>: <c>text</c> and <c>inputTokens</c>.</summary>
internal sealed class ClovaSummaryResult
{
    public string? Text { get; set; }

    public int? InputTokens { get; set; }
}
