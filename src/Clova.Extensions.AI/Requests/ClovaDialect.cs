namespace Clova.Requests;

/// <summary>The request dialects of CLOVA Studio: the same concept can have another name and range in each.</summary>
internal enum ClovaDialect
{
    /// <summary><c>/v3/chat-completions</c> and v3 tuned tasks.</summary>
    V3Chat,

    /// <summary><c>/v1/chat-completions</c> and v1 tuned tasks.</summary>
    V1Chat,

    /// <summary><c>/v1/completions</c>: the legacy LK models.</summary>
    LkCompletion,

    /// <summary><c>/v1/api-tools/rag-reasoning</c>: v3-shaped chat with required tools and its own ranges.</summary>
    RagReasoning,
}
