using System.Text.Json;

namespace Clova.Wire;

/// <summary>The <c>result</c> of an LK completion.</summary>
internal sealed class ClovaLkResult
{
    public string? Text { get; set; }

    public string? StopReason { get; set; }

    public int? StartLength { get; set; }

    public string? InputText { get; set; }

    public int? InputLength { get; set; }

    public List<string>? InputTokens { get; set; }

    public string? OutputText { get; set; }

    public int? OutputLength { get; set; }

    public List<string>? OutputTokens { get; set; }

    public List<JsonElement>? Probs { get; set; }

    public bool? Ok { get; set; }

    public List<ClovaAiFilter>? AiFilter { get; set; }
}
