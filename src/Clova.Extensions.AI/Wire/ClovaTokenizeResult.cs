namespace Clova.Wire;

/// <summary>The <c>result</c> of the v3 token calculator.</summary>
internal sealed class ClovaTokenizeResult
{
    public List<ClovaTokenizedMessage>? Messages { get; set; }

    public ClovaCountHolder? Tools { get; set; }

    public ClovaCountHolder? ResponseFormat { get; set; }
}
