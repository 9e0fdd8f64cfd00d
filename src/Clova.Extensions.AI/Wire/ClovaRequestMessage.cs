namespace Clova.Wire;

/// <summary>One message as sent. Never carries <c>thinkingContent</c>: CLOVA rejects it on input.</summary>
internal sealed class ClovaRequestMessage
{
    public string Role { get; set; } = "";

    /// <summary>A plain string, or an array of parts; never null on the wire.</summary>
    public ClovaRequestContent Content { get; set; } = ClovaRequestContent.Empty;
}
