using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>
/// One counted message. v3 puts counts on the content parts, and the content has been seen both as one object
/// and as an array; v1 puts one <c>count</c> on the message and <c>content</c> is the text.
/// </summary>
internal sealed class ClovaTokenizedMessage
{
    public string? Role { get; set; }

    [JsonConverter(typeof(ClovaTokenizedContentConverter))]
    public List<ClovaTokenizedPart>? Content { get; set; }

    /// <summary>v1's count for the whole message; v3 counts the parts instead (summed, checked, by the token counter).</summary>
    public int? Count { get; set; }
}
