namespace Clova.Emulator.Protocol;

/// <summary>
/// A model as the emulator serves it: the routes that answer for it and what its requests may use. Every
/// instance comes from <see cref="EmulatorModels"/>, so no endpoint decides a capability from a model's name.
/// </summary>
/// <param name="Name">The model id (or a tuned task's id).</param>
internal sealed record EmulatorModel(string Name)
{
    /// <summary>Gets whether the v3 routes serve it (chat completions and the v3 token calculator).</summary>
    public bool OnV3 { get; init; }

    /// <summary>Gets whether the v1 chat routes serve it (chat completions, the v1 token calculator, the sliding window).</summary>
    public bool OnV1 { get; init; }

    /// <summary>Gets whether <c>/v1/completions</c> serves it: the legacy LK models, which no chat route serves.</summary>
    public bool OnCompletions { get; init; }

    /// <summary>Gets whether it reasons (<c>thinking</c>, <c>maxCompletionTokens</c> instead of <c>maxTokens</c>).</summary>
    public bool Thinking { get; init; }

    /// <summary>Gets whether v3 requests may send <c>tools</c>.</summary>
    public bool FunctionCalling { get; init; }

    /// <summary>Gets whether user messages may carry <c>image_url</c> parts.</summary>
    public bool Images { get; init; }

    /// <summary>Gets whether v3 requests may send <c>responseFormat</c>.</summary>
    public bool StructuredOutputs { get; init; }

    /// <summary>Gets the largest accepted output limit (<c>maxTokens</c> or <c>maxCompletionTokens</c>).</summary>
    public int MaxOutput { get; init; }

    /// <summary>Gets the context window: input plus output tokens.</summary>
    public int Context { get; init; }
}
