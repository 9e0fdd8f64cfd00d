namespace Clova.Wire;

/// <summary>The segmentation <c>result</c>: paragraphs of sentences, their sentence-index spans, input tokens.</summary>
internal sealed class ClovaSegmentationResult
{
    public List<List<string?>?>? TopicSeg { get; set; }

    public List<List<int>?>? Span { get; set; }

    public int? InputTokens { get; set; }
}
