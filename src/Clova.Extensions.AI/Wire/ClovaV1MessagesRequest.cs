namespace Clova.Wire;

/// <summary>
/// A body of plain <c>{role, content}</c> messages: the v1 token calculator, and the sliding window (which adds
/// <c>maxTokens</c>, the planned output).
/// </summary>
internal sealed class ClovaV1MessagesRequest
{
    public List<ClovaRequestMessage> Messages { get; set; } = [];

    public int? MaxTokens { get; set; }
}
