namespace Clova;

/// <summary>The optional fields of a segmentation request; unset fields are left to CLOVA's defaults.</summary>
public sealed class ClovaSegmentationOptions
{
    /// <summary>Gets or sets the split threshold (<c>alpha</c>): -100 for automatic, or -1.5 to 1.5 (default 0; larger gives more paragraphs).</summary>
    public double? Alpha { get; set; }

    /// <summary>Gets or sets the number of paragraphs (<c>segCnt</c>): -1 for automatic (the default) or 1 and up.</summary>
    public int? SegmentCount { get; set; }

    /// <summary>Gets or sets whether paragraphs are merged or split towards the sizes below (<c>postProcess</c>, default false).</summary>
    public bool? PostProcess { get; set; }

    /// <summary>Gets or sets the target largest paragraph in characters (<c>postProcessMaxSize</c>, 1 and up, default 1,000).</summary>
    public int? PostProcessMaxSize { get; set; }

    /// <summary>Gets or sets the target smallest paragraph (<c>postProcessMinSize</c>): -1 for the smallest unit, or 0 to <see cref="PostProcessMaxSize"/> (default 300).</summary>
    public int? PostProcessMinSize { get; set; }
}
