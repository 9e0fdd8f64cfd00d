namespace Clova;

/// <summary>How a <see cref="ClovaChatReducer"/> trims a history.</summary>
public enum ClovaReductionStrategy
{
    /// <summary>
    /// Per history: the sliding-window API for a v1-family model (HCX-003, HCX-DASH-001) whose history is plain
    /// system/user/assistant text; the local token budget for everything else (v3 models, tool calls and results,
    /// images, reasoning).
    /// </summary>
    Auto = 0,

    /// <summary>
    /// CLOVA's <c>/v1/api-tools/sliding/chat-messages/{model}</c>: input plus planned output within 4096 tokens.
    /// Only plain text histories; others are refused.
    /// </summary>
    SlidingWindow = 1,

    /// <summary>
    /// Trim here, counting with the v3 token calculator, against a token budget: whole oldest turns go first, so a
    /// tool call is never separated from its results; the system message and the newest turn always stay.
    /// </summary>
    LocalTokenBudget = 2,
}
