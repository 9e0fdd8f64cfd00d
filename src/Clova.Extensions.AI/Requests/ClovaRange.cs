using System.Globalization;

namespace Clova.Requests;

/// <summary>A documented numeric range: <c>min ≤ x ≤ max</c>, with either bound excluded where the docs say so.</summary>
/// <param name="Min">The lower bound.</param>
/// <param name="Max">The upper bound.</param>
/// <param name="MinExcluded">Whether <paramref name="Min"/> itself is outside the range (v1 and LK ranges exclude zero).</param>
/// <param name="MaxExcluded">Whether <paramref name="Max"/> itself is outside the range.</param>
internal readonly record struct ClovaRange(double Min, double Max, bool MinExcluded = false, bool MaxExcluded = false)
{
    public static ClovaRange Closed(double min, double max) => new(min, max);

    public static ClovaRange AboveZero(double max) => new(0, max, MinExcluded: true);

    public static ClovaRange Below(double min, double max) => new(min, max, MaxExcluded: true);

    public bool Contains(double value) =>
        !double.IsNaN(value) && (MinExcluded ? value > Min : value >= Min) && (MaxExcluded ? value < Max : value <= Max);

    /// <summary>The rule in words, for refusals: "between 0 and 1", "greater than 0 and at most 2", "at least 1 and below 2048".</summary>
    public string Describe() => (MinExcluded, MaxExcluded) switch
    {
        (false, false) => $"between {Format(Min)} and {Format(Max)}",
        (true, false) => $"greater than {Format(Min)} and at most {Format(Max)}",
        (false, true) => $"at least {Format(Min)} and below {Format(Max)}",
        (true, true) => $"greater than {Format(Min)} and below {Format(Max)}",
    };

    /// <summary>The rule as the docs write it: "0 &lt; x ≤ 10".</summary>
    public override string ToString() => $"{Format(Min)} {(MinExcluded ? "<" : "≤")} x {(MaxExcluded ? "<" : "≤")} {Format(Max)}";

    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
