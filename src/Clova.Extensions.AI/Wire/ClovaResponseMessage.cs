namespace Clova.Wire;

/// <summary>An assistant message as received.</summary>
internal sealed class ClovaResponseMessage
{
    public string? Role { get; set; }

    public string? Content { get; set; }

    public string? ThinkingContent { get; set; }

    public List<ClovaToolCall>? ToolCalls { get; set; }
}
