namespace Clova.Wire;

/// <summary>The <c>thinking</c> object of a v3 request (HCX-007).</summary>
internal sealed class ClovaThinking
{
    /// <summary><c>none</c>, <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public string? Effort { get; set; }
}
