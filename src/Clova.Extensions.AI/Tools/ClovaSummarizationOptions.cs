namespace Clova;

/// <summary>The optional fields of a summarization request; unset fields are left to CLOVA's defaults.</summary>
public sealed class ClovaSummarizationOptions
{
    /// <summary>Gets or sets whether CLOVA splits the text into segments first (<c>autoSentenceSplitter</c>, default true); when false, the segment settings are ignored.</summary>
    public bool? AutoSentenceSplitter { get; set; }

    /// <summary>Gets or sets the number of segments (<c>segCount</c>): -1 for automatic (the default) or 1 and up.</summary>
    public int? SegmentCount { get; set; }

    /// <summary>Gets or sets the largest segment in characters (<c>segMaxSize</c>, 1–3,000, default 1,000).</summary>
    public int? SegmentMaxSize { get; set; }

    /// <summary>Gets or sets the smallest segment in characters (<c>segMinSize</c>, 0 to <see cref="SegmentMaxSize"/>, default 300).</summary>
    public int? SegmentMinSize { get; set; }

    /// <summary>Gets or sets whether AI-filter results are requested (<c>includeAiFilters</c>, default false; the response documents no filter field).</summary>
    public bool? IncludeAiFilters { get; set; }
}
