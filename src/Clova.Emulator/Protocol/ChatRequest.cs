using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>
/// A chat request as the emulator understood it, after its route's rules accepted it: what
/// <see cref="ChatReply"/> answers, whichever API (v1 or v3) it came on.
/// </summary>
internal sealed record ChatRequest
{
    /// <summary>Gets the model it was sent to.</summary>
    public required EmulatorModel Model { get; init; }

    /// <summary>Gets the conversation.</summary>
    public required IReadOnlyList<ChatTurn> Turns { get; init; }

    /// <summary>Gets the effective thinking effort (a reasoning model defaults to low), or null for models that do not think.</summary>
    public string? Effort { get; init; }

    /// <summary>Gets <c>maxTokens</c> or <c>maxCompletionTokens</c>, whichever was sent (v1 fills in its default).</summary>
    public int? MaxOutput { get; init; }

    /// <summary>Gets the stop strings (v3 <c>stop</c>, v1 <c>stopBefore</c>).</summary>
    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>Gets the requested seed (0 or absent: the service picks one).</summary>
    public long Seed { get; init; }

    /// <summary>Gets whether AI-filter results were asked for.</summary>
    public bool IncludeAiFilters { get; init; }

    /// <summary>Gets the function tools (v3 only).</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    /// <summary>Gets <c>auto</c> or <c>none</c>, or null when a function is forced or no choice was sent.</summary>
    public string? ToolChoiceMode { get; init; }

    /// <summary>Gets the forced function name, if any.</summary>
    public string? ForcedTool { get; init; }

    /// <summary>Gets the structured-output schema, if any.</summary>
    public JsonObject? ResponseSchema { get; init; }
}
