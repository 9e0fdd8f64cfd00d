namespace Clova.Wire;

/// <summary>One counted content part: <c>{type, text | imageUrl, count}</c>.</summary>
internal sealed class ClovaTokenizedPart
{
    public string? Type { get; set; }

    public string? Text { get; set; }

    public int? Count { get; set; }
}
