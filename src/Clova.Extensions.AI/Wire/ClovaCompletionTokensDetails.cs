namespace Clova.Wire;

/// <summary><c>usage.completionTokensDetails</c>.</summary>
internal sealed class ClovaCompletionTokensDetails
{
    public long? ThinkingTokens { get; set; }
}
