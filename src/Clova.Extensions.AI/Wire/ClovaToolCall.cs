namespace Clova.Wire;

/// <summary>
/// A tool call, as received (<c>message.toolCalls[]</c>, streamed fragments) and as sent back in history.
/// Streamed fragments after the first carry neither id nor type.
/// </summary>
internal sealed class ClovaToolCall
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public ClovaFunctionCall? Function { get; set; }
}
