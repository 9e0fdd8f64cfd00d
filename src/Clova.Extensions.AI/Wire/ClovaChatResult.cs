using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>
/// A chat result: the <c>result</c> of a JSON response, and equally the data of a streamed <c>token</c> or
/// <c>result</c> event, which have the same shape. v1 uses the same shape with <c>stopReason</c> and
/// <c>inputLength</c>/<c>outputLength</c> in place of <c>finishReason</c> and <c>usage</c>.
/// </summary>
[JsonConverter(typeof(ClovaChatResultConverter))]
internal sealed class ClovaChatResult
{
    public ClovaResponseMessage? Message { get; set; }

    public string? FinishReason { get; set; }

    /// <summary>Unix time, in seconds or milliseconds: both occur.</summary>
    public long? Created { get; set; }

    public long? Seed { get; set; }

    public ClovaUsage? Usage { get; set; }

    public List<ClovaAiFilter>? AiFilter { get; set; }

    /// <summary>v1: <c>length</c>, <c>end_token</c> or <c>stop_before</c>, in any letter case.</summary>
    public string? StopReason { get; set; }

    /// <summary>v1: input tokens (running on token events).</summary>
    public long? InputLength { get; set; }

    /// <summary>v1: output tokens (running on token events).</summary>
    public long? OutputLength { get; set; }
}
