namespace Clova.Wire;

/// <summary>
/// A v3 chat result: the <c>result</c> of a JSON response, and equally the data of a streamed <c>token</c> or
/// <c>result</c> event, which have the same shape.
/// </summary>
internal sealed class ClovaChatResult
{
    public ClovaResponseMessage? Message { get; set; }

    public string? FinishReason { get; set; }

    /// <summary>Unix time, in seconds or milliseconds: both occur.</summary>
    public long? Created { get; set; }

    public long? Seed { get; set; }

    public ClovaUsage? Usage { get; set; }

    public List<ClovaAiFilter>? AiFilter { get; set; }
}
