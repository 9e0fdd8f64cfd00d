namespace Clova;

/// <summary>Token counts for a conversation, as CLOVA's token calculator reports them.</summary>
public sealed class ClovaTokenCount
{
    /// <summary>Gets every counted token: messages, system message, tools and response format.</summary>
    public int Total { get; init; }

    /// <summary>
    /// Gets the tokens of the ONE system message CLOVA receives (<c>ChatOptions.Instructions</c> and every system
    /// message joined, as the chat client sends them).
    /// </summary>
    public int SystemCount { get; init; }

    /// <summary>
    /// Gets one count per input message, in order. System messages are 0 here (their text is in
    /// <see cref="SystemCount"/>); a message holding several function results sums its tool messages.
    /// </summary>
    public IReadOnlyList<int> MessageCounts { get; init; } = [];

    /// <summary>Gets the tokens of the tool definitions (v3), or null when none were counted.</summary>
    public int? ToolsCount { get; init; }

    /// <summary>Gets the tokens of the structured-output schema (v3), or null when none was counted.</summary>
    public int? ResponseFormatCount { get; init; }
}
