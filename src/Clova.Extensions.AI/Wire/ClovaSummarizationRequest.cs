namespace Clova.Wire;

/// <summary>The summarization v2 body.</summary>
internal sealed class ClovaSummarizationRequest
{
    public List<string> Texts { get; set; } = [];

    public bool? AutoSentenceSplitter { get; set; }

    public int? SegCount { get; set; }

    public int? SegMaxSize { get; set; }

    public int? SegMinSize { get; set; }

    public bool? IncludeAiFilters { get; set; }
}
