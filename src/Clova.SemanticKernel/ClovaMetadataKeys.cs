namespace Clova.SemanticKernel;

/// <summary>Keys of the CLOVA values in the <c>Metadata</c> of returned chat and text contents.</summary>
public static class ClovaMetadataKeys
{
    /// <summary>The <c>Microsoft.Extensions.AI.UsageDetails</c> (input, output, total and reasoning tokens).</summary>
    public const string Usage = "Usage";

    /// <summary>The finish reason as a string (<c>stop</c>, <c>length</c>, <c>tool_calls</c>, or CLOVA's raw value).</summary>
    public const string FinishReason = "FinishReason";

    /// <summary>The AI-filter verdicts (<c>IReadOnlyList&lt;ClovaAiFilterResult&gt;</c>), when asked for.</summary>
    public const string AiFilter = "AiFilter";

    /// <summary>The seed the service used (a <see cref="long"/>).</summary>
    public const string Seed = "Seed";

    /// <summary>The request id the connector sent (also the response id).</summary>
    public const string RequestId = "RequestId";
}
