using System.Globalization;

namespace Clova;

/// <summary>
/// One AI-filter verdict from CLOVA Studio (<c>aiFilter[]</c>), found in
/// <c>ChatResponse.AdditionalProperties[</c><see cref="ClovaPropertyNames.AiFilter"/><c>]</c> as an
/// <see cref="IReadOnlyList{T}"/> of this type when the request set <c>includeAiFilters</c>.
/// </summary>
/// <param name="GroupName">The category: <c>curse</c> or <c>unsafeContents</c>.</param>
/// <param name="Name">The sub-category: <c>discrimination</c>, <c>insult</c> or <c>sexualHarassment</c>.</param>
/// <param name="RawScore">The score exactly as sent (a string from <c>-1</c> to <c>2</c>).</param>
/// <param name="Result">Whether the filter ran: <c>OK</c> or <c>ERROR</c>; null when not sent.</param>
public sealed record ClovaAiFilterResult(string? GroupName, string? Name, string? RawScore, string? Result)
{
    /// <summary>
    /// Gets the score as a number: 0 means most likely harmful, 2 unlikely, and -1 that the filter failed.
    /// Null when the raw score is missing or not a number.
    /// </summary>
    public int? Score =>
        int.TryParse(RawScore, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int score) ? score : null;
}
