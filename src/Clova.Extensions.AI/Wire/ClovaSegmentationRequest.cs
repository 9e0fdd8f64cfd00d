namespace Clova.Wire;

/// <summary>The segmentation body (<c>text</c> as one string, as the docs' example and every client send it).</summary>
internal sealed class ClovaSegmentationRequest
{
    public string Text { get; set; } = "";

    public double? Alpha { get; set; }

    public int? SegCnt { get; set; }

    public bool? PostProcess { get; set; }

    public int? PostProcessMaxSize { get; set; }

    public int? PostProcessMinSize { get; set; }
}
