using Clova.Chat;
using Clova.Embeddings;
using Clova.Internal;
using Clova.Rules;
using Microsoft.Extensions.AI;

namespace Clova;

/// <summary>
/// The entry point to CLOVA Studio: owns the credentials and the HTTP transport, and hands out clients for
/// individual models. Thread-safe; create one per application (or per key) and reuse it.
/// </summary>
/// <example>
/// <code>
/// using var clova = new ClovaClient(ClovaClientOptions.FromEnvironment());
/// IChatClient chat = clova.GetChatClient(ClovaModels.Hcx007);
/// ChatResponse reply = await chat.GetResponseAsync("안녕하세요");
/// </code>
/// </example>
public sealed class ClovaClient : IDisposable
{
    private readonly ClovaTransport _transport;

    /// <summary>Initializes a client for the public endpoint with a current-style (<c>nv-…</c>) API key.</summary>
    /// <param name="apiKey">The CLOVA Studio API key, sent as <c>Authorization: Bearer</c>.</param>
    public ClovaClient(string apiKey)
        : this(new ClovaClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>Initializes a client from options, which are validated and copied.</summary>
    /// <param name="options">Endpoint, credentials, transport and timeout.</param>
    /// <exception cref="ArgumentException">The options are incomplete or unsafe; the message says which and why.</exception>
    public ClovaClient(ClovaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new ClovaTransport(options.Validate());
    }

    /// <summary>Gets the base address requests go to.</summary>
    public Uri Endpoint => _transport.Endpoint;

    /// <summary>
    /// Returns an <see cref="IChatClient"/> for a chat model. The API follows the model: v1 for HCX-003 and
    /// HCX-DASH-001, v3 for the rest (HCX-007, HCX-005, HCX-DASH-002, and models this library does not know yet).
    /// <see cref="ChatOptions.ModelId"/> overrides the model per request.
    /// </summary>
    /// <param name="modelId">The default model, for example <see cref="ClovaModels.Hcx007"/>.</param>
    /// <returns>A chat client sharing this client's transport; disposing it does not affect this client.</returns>
    public IChatClient GetChatClient(string modelId) => GetChatClient(modelId, ClovaApiVersion.Auto);

    /// <summary>
    /// Returns an <see cref="IChatClient"/> for a chat model over a chosen API: for example HCX-003 over v3 (which
    /// serves it for plain chat), or a model newer than this library that only v1 serves.
    /// </summary>
    /// <param name="modelId">The default model.</param>
    /// <param name="apiVersion">The API to use for every request of this client; <see cref="ClovaApiVersion.Auto"/> follows the model.</param>
    /// <returns>A chat client sharing this client's transport.</returns>
    public IChatClient GetChatClient(string modelId, ClovaApiVersion apiVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new ClovaChatClient(this, _transport, new ChatTarget(modelId, false, CheckVersion(apiVersion)));
    }

    /// <summary>
    /// Returns an <see cref="IChatClient"/> for a tuned task (<c>/v1/tasks/{taskId}/chat-completions</c> or
    /// <c>/v3/tasks/{taskId}/chat-completions</c>). Tasks trained on HCX-003 before v3 are usually served by v1.
    /// Tuned tasks take plain text chat only: no images, reasoning, tools or structured outputs.
    /// <see cref="ChatOptions.ModelId"/>, when set, names another task id.
    /// </summary>
    /// <param name="taskId">The training id from CLOVA Studio.</param>
    /// <param name="apiVersion"><see cref="ClovaApiVersion.V1"/> or <see cref="ClovaApiVersion.V3"/>: a task id says nothing about its API, so there is no Auto.</param>
    /// <returns>A chat client sharing this client's transport.</returns>
    public IChatClient GetTaskChatClient(string taskId, ClovaApiVersion apiVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        if (apiVersion is not (ClovaApiVersion.V1 or ClovaApiVersion.V3))
        {
            throw new ArgumentOutOfRangeException(nameof(apiVersion), apiVersion, "A tuned task needs an explicit API: ClovaApiVersion.V1 or ClovaApiVersion.V3.");
        }

        return new ClovaChatClient(this, _transport, new ChatTarget(taskId, true, apiVersion));
    }

    /// <summary>Returns a client for a legacy LK completion model (<c>/v1/completions/{model}</c>).</summary>
    /// <param name="modelId">The model, such as <c>LK-D2</c> or <c>LK-B</c>.</param>
    /// <returns>A completion client sharing this client's transport.</returns>
    public ClovaCompletionClient GetCompletionClient(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new ClovaCompletionClient(_transport, modelId);
    }

    /// <summary>
    /// Returns a chat-history reducer for a model: CLOVA's sliding-window API where it applies, trimming on this
    /// side against a token budget (counted by the v3 calculator) where it does not. See <see cref="ClovaReductionStrategy"/>.
    /// </summary>
    /// <param name="modelId">The model the history is for; its context window sets the default budget.</param>
    /// <param name="maxTokens">The output the next call plans to request (the room left for the answer).</param>
    /// <param name="options">Strategy, budget and per-message overhead; null for the defaults.</param>
    /// <returns>The reducer.</returns>
    public ClovaChatReducer GetSlidingWindowReducer(string modelId, int maxTokens, ClovaChatReducerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new ClovaChatReducer(_transport, modelId, maxTokens, options);
    }

    /// <summary>
    /// Returns an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for a CLOVA embedding model:
    /// <see cref="ClovaModels.ClirEmbDolphin"/> or <see cref="ClovaModels.ClirStsDolphin"/> (v1 API, 1–500 tokens per
    /// text) or <see cref="ClovaModels.BgeM3"/> (v2 API, up to 8,192 tokens). Every model gives 1024 floats, as CLOVA
    /// sends them (not necessarily unit length; see <see cref="ClovaEmbeddingGeneratorOptions.Normalize"/>).
    /// <see cref="EmbeddingGenerationOptions.ModelId"/> overrides the model per call.
    /// </summary>
    /// <param name="modelId">The default model.</param>
    /// <param name="options">Concurrency, normalisation and the length pre-check; null for the defaults.</param>
    /// <returns>A generator sharing this client's transport; disposing it does not affect this client.</returns>
    /// <exception cref="InvalidOperationException">The client uses the legacy key pair without <see cref="ClovaClientOptions.AppPath"/> and <see cref="ClovaClientOptions.LegacyAppId"/>.</exception>
    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string modelId, ClovaEmbeddingGeneratorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new ClovaEmbeddingGenerator(this, _transport, modelId, (options ?? new ClovaEmbeddingGeneratorOptions()).Validate());
    }

    /// <summary>
    /// Returns the RAG reasoning tool (<c>/v1/api-tools/rag-reasoning</c>) as an <see cref="IChatClient"/>: give it your
    /// search function in <see cref="ChatOptions.Tools"/> (required) and drive it with any tool loop, such as
    /// Microsoft.Extensions.AI's <c>FunctionInvokingChatClient</c>. The search function should return
    /// <c>{"search_result":[{"id":…,"doc":…}]}</c>. The answer cites documents in tags named by their ids
    /// (<c>&lt;doc-7&gt;…&lt;/doc-7&gt;</c>), which stay in the text; the cited ids are also in
    /// <see cref="ChatResponse.AdditionalProperties"/> under <see cref="ClovaPropertyNames.CitedIds"/>. It does not stream:
    /// streaming calls deliver the whole response as updates. Not available with the legacy key pair.
    /// </summary>
    /// <returns>A chat client sharing this client's transport.</returns>
    /// <exception cref="InvalidOperationException">The client uses the legacy key pair, for which RAG reasoning has no form.</exception>
    public IChatClient GetRagReasoningClient()
    {
        ClovaRuleBook.CheckLegacyForm("RAG reasoning", "rag-reasoning", hasLegacyForm: false, _transport.UsesLegacyKeys, _transport.HasAppPath, _transport.LegacyAppId);
        return new ClovaChatClient(this, _transport, new ChatTarget(ClovaModelCatalog.RagReasoning.Name, false, ClovaApiVersion.Auto, IsRagReasoning: true));
    }

    /// <summary>Returns CLOVA's reranker, which answers a query citing the documents it used (it does not score them).</summary>
    /// <returns>The reranker, sharing this client's transport.</returns>
    /// <exception cref="InvalidOperationException">The client uses the legacy key pair, for which the reranker has no form.</exception>
    public ClovaReranker GetReranker()
    {
        ClovaRuleBook.CheckLegacyForm("reranker", "reranker", hasLegacyForm: false, _transport.UsesLegacyKeys, _transport.HasAppPath, _transport.LegacyAppId);
        return new ClovaReranker(_transport);
    }

    /// <summary>Returns CLOVA's summarization API.</summary>
    /// <returns>The summarizer, sharing this client's transport.</returns>
    /// <exception cref="InvalidOperationException">The legacy key pair is used without <see cref="ClovaClientOptions.AppPath"/> and <see cref="ClovaClientOptions.LegacyAppId"/>.</exception>
    public ClovaSummarizer GetSummarizer()
    {
        ClovaRuleBook.CheckLegacyForm("summarization", "summarization/v2", hasLegacyForm: true, _transport.UsesLegacyKeys, _transport.HasAppPath, _transport.LegacyAppId);
        return new ClovaSummarizer(_transport, ClovaApiPaths.Summarization(_transport.UsesLegacyKeys ? _transport.LegacyAppId : null));
    }

    /// <summary>Returns CLOVA's segmentation (paragraph split) API.</summary>
    /// <returns>The segmenter, sharing this client's transport.</returns>
    /// <exception cref="InvalidOperationException">The legacy key pair is used without <see cref="ClovaClientOptions.AppPath"/> and <see cref="ClovaClientOptions.LegacyAppId"/>.</exception>
    public ClovaSegmenter GetSegmenter()
    {
        ClovaRuleBook.CheckLegacyForm("segmentation", "segmentation", hasLegacyForm: true, _transport.UsesLegacyKeys, _transport.HasAppPath, _transport.LegacyAppId);
        return new ClovaSegmenter(_transport, ClovaApiPaths.Segmentation(_transport.UsesLegacyKeys ? _transport.LegacyAppId : null));
    }

    /// <summary>Returns a router built in the CLOVA Studio console.</summary>
    /// <param name="routerId">The router id.</param>
    /// <param name="version">The router version, from 1.</param>
    /// <returns>The router, sharing this client's transport.</returns>
    /// <exception cref="InvalidOperationException">The client uses the legacy key pair, for which routers have no known form.</exception>
    public ClovaRouter GetRouter(string routerId, int version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ClovaRuleBook.CheckLegacyForm("router", "routers", hasLegacyForm: false, _transport.UsesLegacyKeys, _transport.HasAppPath, _transport.LegacyAppId);
        return new ClovaRouter(_transport, routerId, version);
    }

    /// <summary>
    /// Returns CLOVA's summarization, segmentation and (with a bearer key) reranker as <see cref="AIFunction"/>s —
    /// <c>clova_summarize</c>, <c>clova_segment</c>, <c>clova_answer_with_citations</c> — for any chat client with
    /// function invocation: <c>new ChatOptions { Tools = [.. clova.GetToolFunctions()] }</c>.
    /// </summary>
    /// <returns>The functions, sharing this client's transport.</returns>
    /// <exception cref="InvalidOperationException">The legacy key pair is used without <see cref="ClovaClientOptions.AppPath"/> and <see cref="ClovaClientOptions.LegacyAppId"/>.</exception>
    public IReadOnlyList<AIFunction> GetToolFunctions() =>
        Tools.ClovaToolFunctions.Create(GetSummarizer(), GetSegmenter(), _transport.UsesLegacyKeys ? null : GetReranker());

    /// <summary>Returns the token calculators for a model (v1 or v3 by the model, unless chosen).</summary>
    /// <param name="modelId">The model whose tokenizer counts.</param>
    /// <param name="apiVersion">Which calculator: <see cref="ClovaApiVersion.Auto"/> follows the model.</param>
    /// <returns>The counter.</returns>
    public ClovaTokenCounter GetTokenCounter(string modelId, ClovaApiVersion apiVersion = ClovaApiVersion.Auto)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new ClovaTokenCounter(_transport, modelId, CheckVersion(apiVersion));
    }

    private static ClovaApiVersion CheckVersion(ClovaApiVersion version) =>
        Enum.IsDefined(version) ? version : throw new ArgumentOutOfRangeException(nameof(version), version, "Use ClovaApiVersion.Auto, V1 or V3.");

    /// <summary>Releases the HTTP client if this instance created it; a caller-supplied one is left alone.</summary>
    public void Dispose() => _transport.Dispose();

    /// <summary>Returns the endpoint; never a key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"ClovaClient {{ Endpoint = {Endpoint} }}";
}
