namespace Clova.Internal;

/// <summary>
/// Every CLOVA Studio API path the connector calls, relative to the endpoint (and the optional app segment). A new
/// endpoint is one line here; ids are escaped once, here.
/// </summary>
internal static class ClovaApiPaths
{
    /// <summary><c>v3/chat-completions/{model}</c> or <c>v1/chat-completions/{model}</c>.</summary>
    public static ClovaApiPath ChatCompletions(ClovaApiVersion version, string modelId) => new($"{Version(version)}/chat-completions/{Escape(modelId)}", modelId);

    /// <summary><c>v3/tasks/{taskId}/chat-completions</c> or the v1 form: a tuned task.</summary>
    public static ClovaApiPath TaskChatCompletions(ClovaApiVersion version, string taskId) => new($"{Version(version)}/tasks/{Escape(taskId)}/chat-completions", "task");

    /// <summary><c>v1/completions/{model}</c>: the legacy LK completion models.</summary>
    public static ClovaApiPath Completions(string modelId) => new($"v1/completions/{Escape(modelId)}", modelId);

    /// <summary><c>v3/api-tools/chat-tokenize/{model}</c> or <c>v1/api-tools/chat-tokenize/{model}</c>.</summary>
    public static ClovaApiPath ChatTokenize(ClovaApiVersion version, string modelId) => new($"{Version(version)}/api-tools/chat-tokenize/{Escape(modelId)}", "chat-tokenize");

    /// <summary><c>v1/api-tools/sliding/chat-messages/{model}</c>: the sliding-window API.</summary>
    public static ClovaApiPath SlidingWindow(string modelId) => new($"v1/api-tools/sliding/chat-messages/{Escape(modelId)}", "sliding-window");

    /// <summary><c>v1/api-tools/embedding/v2/tokenize</c>: the embedding-v2 tokenizer.</summary>
    public static readonly ClovaApiPath EmbeddingV2Tokenize = new("v1/api-tools/embedding/v2/tokenize", "embedding-tokenize");

    /// <summary><c>v1/api-tools/rag-reasoning</c>: search-planning chat with citations (no legacy form).</summary>
    public static readonly ClovaApiPath RagReasoning = new("v1/api-tools/rag-reasoning", "rag-reasoning");

    /// <summary><c>v1/api-tools/reranker</c>: an answer citing the given documents (no legacy form).</summary>
    public static readonly ClovaApiPath Reranker = new("v1/api-tools/reranker", "reranker");

    /// <summary><c>v1/api-tools/summarization/v2</c>, with the legacy gateway's <c>/{appId}</c>.</summary>
    public static ClovaApiPath Summarization(string? legacyAppId) => new(WithAppId("v1/api-tools/summarization/v2", legacyAppId), "summarization");

    /// <summary><c>v1/api-tools/segmentation</c>, with the legacy gateway's <c>/{appId}</c>.</summary>
    public static ClovaApiPath Segmentation(string? legacyAppId) => new(WithAppId("v1/api-tools/segmentation", legacyAppId), "segmentation");

    /// <summary><c>v1/routers/{routerId}/versions/{version}/route</c>: a router built in the console.</summary>
    public static ClovaApiPath Route(string routerId, int version) => new($"v1/routers/{Escape(routerId)}/versions/{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}/route", "router");

    /// <summary>
    /// <c>v1/api-tools/embedding/{model}</c> (v1 models) or <c>v1/api-tools/embedding/v2</c> (bge-m3); with the legacy
    /// key pair the gateway adds the app id: <c>…/{appId}</c>.
    /// </summary>
    public static ClovaApiPath Embedding(ClovaEmbeddingModelInfo model, string? legacyAppId)
    {
        string path = model.IsV2 ? "v1/api-tools/embedding/v2" : $"v1/api-tools/embedding/{Escape(model.Name)}";
        return new(WithAppId(path, legacyAppId), model.Name);
    }

    private static string WithAppId(string path, string? legacyAppId) => legacyAppId is null ? path : $"{path}/{Escape(legacyAppId)}";

    private static string Version(ClovaApiVersion version) => version == ClovaApiVersion.V1 ? "v1" : "v3";

    /// <summary>
    /// An id as one path segment. Escaping keeps '/' and '?' in it, but "." and ".." pass through it and would
    /// walk the path (<c>v3/chat-completions/..</c> is <c>v3/</c>), so they are refused before any request.
    /// </summary>
    private static string Escape(string id) =>
        string.IsNullOrWhiteSpace(id) || id is "." or ".."
            ? throw new ArgumentException($"'{id}' cannot be a CLOVA model or task id: it would change the API path.", "modelId")
            : Uri.EscapeDataString(id);
}
