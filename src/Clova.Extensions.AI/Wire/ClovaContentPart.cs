namespace Clova.Wire;

/// <summary>One part of array content: <c>{"type":"text","text":…}</c> (images arrive with the image issue).</summary>
internal sealed class ClovaContentPart
{
    public string Type { get; set; } = "text";

    public string? Text { get; set; }
}
