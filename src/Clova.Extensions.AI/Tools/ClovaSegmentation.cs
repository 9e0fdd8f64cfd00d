namespace Clova;

/// <summary>A text split into topical paragraphs by CLOVA's segmentation API.</summary>
public sealed class ClovaSegmentation
{
    /// <summary>Gets the paragraphs, each a list of sentences (CLOVA's <c>topicSeg</c>).</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Paragraphs { get; init; }

    /// <summary>
    /// Gets, for each paragraph, the 0-based indices of its sentences (CLOVA's <c>span</c>); empty when CLOVA sends
    /// none (its docs give <c>[]</c> as the default without saying when).
    /// </summary>
    public required IReadOnlyList<IReadOnlyList<int>> Spans { get; init; }

    /// <summary>Gets the tokens the input counted as, or null when not sent.</summary>
    public int? InputTokens { get; init; }

    /// <summary>Gets the request id the connector sent.</summary>
    public required string RequestId { get; init; }
}
