using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Clova;

/// <summary>The result of an LK completion, with every documented field.</summary>
public sealed class ClovaCompletionResult
{
    /// <summary>Gets the prompt and the generated output together (<c>text</c>).</summary>
    public string Text { get; init; } = "";

    /// <summary>Gets only the generated output (<c>outputText</c>).</summary>
    public string OutputText { get; init; } = "";

    /// <summary>Gets the prompt as the service read it (<c>inputText</c>).</summary>
    public string? InputText { get; init; }

    /// <summary>Gets the stop reason exactly as sent (<c>length</c>, <c>end_token</c>, <c>stop_before</c>, any case).</summary>
    public string? StopReason { get; init; }

    /// <summary>Gets <see cref="StopReason"/> as a finish reason: length → Length, end_token/stop_before → Stop.</summary>
    public ChatFinishReason? FinishReason { get; init; }

    /// <summary>Gets the input token count (<c>inputLength</c>).</summary>
    public int? InputLength { get; init; }

    /// <summary>Gets the output token count (<c>outputLength</c>).</summary>
    public int? OutputLength { get; init; }

    /// <summary>Gets the token count of the start of the prompt (<c>startLength</c>).</summary>
    public int? StartLength { get; init; }

    /// <summary>Gets the input tokens, when <see cref="ClovaCompletionRequest.IncludeTokens"/> allowed them.</summary>
    public IReadOnlyList<string> InputTokens { get; init; } = [];

    /// <summary>Gets the output tokens, when <see cref="ClovaCompletionRequest.IncludeTokens"/> allowed them.</summary>
    public IReadOnlyList<string> OutputTokens { get; init; } = [];

    /// <summary>Gets the candidate-token probabilities as sent (their shape is undocumented, so they are kept raw).</summary>
    public IReadOnlyList<JsonElement> Probs { get; init; } = [];

    /// <summary>Gets whether the service reported success (<c>ok</c>).</summary>
    public bool? Ok { get; init; }

    /// <summary>Gets the AI-filter verdicts, or null when not asked for.</summary>
    public IReadOnlyList<ClovaAiFilterResult>? AiFilter { get; init; }

    /// <summary>Gets the request id the connector sent.</summary>
    public string RequestId { get; init; } = "";
}
