namespace Clova.Wire;

/// <summary>A <c>result</c> holding <c>messages</c>: the v1 token calculator and the sliding window.</summary>
internal sealed class ClovaMessagesResult
{
    public List<ClovaTokenizedMessage>? Messages { get; set; }
}
