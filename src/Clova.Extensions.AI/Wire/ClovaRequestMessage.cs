namespace Clova.Wire;

/// <summary>One message as sent. Never carries <c>thinkingContent</c>: CLOVA rejects it on input.</summary>
internal sealed class ClovaRequestMessage
{
    public string Role { get; set; } = "";

    /// <summary>A plain string, or an array of parts; never null on the wire.</summary>
    public ClovaRequestContent Content { get; set; } = ClovaRequestContent.Empty;

    /// <summary>The calls an assistant turn made, sent back with <c>arguments</c> as an object.</summary>
    public List<ClovaToolCall>? ToolCalls { get; set; }

    /// <summary>For a <c>tool</c> message: the id of the call this is the result of.</summary>
    public string? ToolCallId { get; set; }
}
