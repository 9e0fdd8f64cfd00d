namespace Clova.Emulator.Protocol;

/// <summary>One conversation message as the emulator understood it.</summary>
/// <param name="Role">system, user, assistant or tool.</param>
/// <param name="Text">The text of the content (string content, or the text parts joined).</param>
internal sealed record ChatTurn(string Role, string Text)
{
    /// <summary>Gets how many images the message holds.</summary>
    public int Images { get; init; }

    /// <summary>Gets, for an assistant message, the ids of the tool calls it made.</summary>
    public IReadOnlyList<string> ToolCallIds { get; init; } = [];

    /// <summary>Gets, for a tool message, the call it answers.</summary>
    public string? ToolCallId { get; init; }
}
