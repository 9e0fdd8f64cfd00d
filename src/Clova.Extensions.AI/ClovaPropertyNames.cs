namespace Clova;

/// <summary>
/// Keys under which the connector puts CLOVA-specific values in <c>AdditionalProperties</c> of responses and
/// streaming updates.
/// </summary>
public static class ClovaPropertyNames
{
    /// <summary>The AI-filter verdicts, an <see cref="IReadOnlyList{T}"/> of <see cref="ClovaAiFilterResult"/>.</summary>
    public const string AiFilter = "aiFilter";

    /// <summary>The seed the service used (a <see cref="long"/>); pass it back as <c>ChatOptions.Seed</c> to repeat a reply.</summary>
    public const string Seed = "seed";

    /// <summary>
    /// v1 only: the <c>stopReason</c> exactly as sent (<c>length</c>, <c>end_token</c>, <c>stop_before</c>, any
    /// case), since <c>FinishReason</c> folds <c>end_token</c> and <c>stop_before</c> into <c>Stop</c>.
    /// </summary>
    public const string StopReason = "stopReason";

    /// <summary>
    /// Streaming only, on the final update: <c>true</c> when the <c>result</c> event's text does not continue what
    /// the <c>token</c> events delivered. The streamed text stands (nothing is spliced or invented); the result's
    /// own message is in the update's <c>RawRepresentation</c>.
    /// </summary>
    public const string ResultMismatch = "resultMismatch";

    /// <summary>Embeddings: the tokens one text counted as (an <see cref="int"/>), on each <c>Embedding&lt;float&gt;</c>.</summary>
    public const string InputTokens = "inputTokens";

    /// <summary>
    /// RAG reasoning: the document ids the answer cites (an <see cref="IReadOnlyList{T}"/> of <see cref="string"/>, first
    /// citation first), read from the <c>&lt;id&gt;…&lt;/id&gt;</c> tags, which stay in the text.
    /// </summary>
    public const string CitedIds = "citedIds";
}
