namespace Clova.Wire;

/// <summary>Token counts as reported; never corrected (doc samples do not always add up).</summary>
internal sealed class ClovaUsage
{
    public long? PromptTokens { get; set; }

    public long? CompletionTokens { get; set; }

    public long? TotalTokens { get; set; }

    public ClovaCompletionTokensDetails? CompletionTokensDetails { get; set; }
}
