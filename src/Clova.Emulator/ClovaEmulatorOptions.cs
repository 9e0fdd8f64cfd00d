namespace Clova.Emulator;

/// <summary>
/// How the emulator behaves where the real service varies or where tests need control. Pass an instance to
/// <see cref="ClovaEmulator.StartAsync"/>; the emulator reads it on every request, so a test may change it through
/// <see cref="ClovaEmulator.Options"/> between requests.
/// </summary>
public sealed class ClovaEmulatorOptions
{
    /// <summary>
    /// Gets or sets the Bearer keys accepted. Null (the default) accepts any key that starts with <c>nv-</c>;
    /// anything else is 401/40104.
    /// </summary>
    public ISet<string>? ValidApiKeys { get; set; }

    /// <summary>Gets or sets Bearer keys answered with 401/40103 (token expired).</summary>
    public ISet<string> ExpiredApiKeys { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets or sets whether <c>created</c> is sent in milliseconds (documented) instead of seconds (seen in samples).</summary>
    public bool CreatedInMilliseconds { get; set; }

    /// <summary>Gets or sets whether the last <c>token</c> event also carries <c>finishReason</c> and <c>usage</c>, as the docs say it usually does.</summary>
    public bool FinishOnLastToken { get; set; } = true;

    /// <summary>Gets or sets whether a <c>signal</c> event with <c>{"data":"[DONE]"}</c> follows the <c>result</c> event.</summary>
    public bool SendDoneSignal { get; set; }

    /// <summary>
    /// Gets or sets whether v1 and LK <c>stopReason</c> values are upper case (<c>LENGTH</c>, as in the docs'
    /// samples) rather than the documented lower case. Clients must compare case-insensitively either way.
    /// </summary>
    public bool UpperCaseStopReason { get; set; } = true;

    /// <summary>
    /// Gets or sets the tuned task ids that exist, served on <c>/v1/tasks/{taskId}/…</c> and <c>/v3/tasks/{taskId}/…</c>
    /// with HCX-003's limits and plain chat only; any other task id is 404/40400.
    /// </summary>
    public ISet<string> TaskIds { get; set; } = new HashSet<string>(StringComparer.Ordinal) { "tuned-hcx003-demo" };

    /// <summary>
    /// Gets or sets how many chat requests, and separately how many requests to each tool (embeddings, reranker,
    /// summarization, segmentation, RAG reasoning, routers: CLOVA counts per model or tool), the account may make per <see cref="RateLimitWindow"/>; beyond it the emulator answers the real
    /// 429/42901 with <c>x-ratelimit-reset-requests</c>. Null (the default) is unlimited.
    /// </summary>
    public int? RateLimitRequests { get; set; }

    /// <summary>Gets or sets the window of <see cref="RateLimitRequests"/>. Default one minute, as CLOVA counts.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets whether SSE fields are written without the space after the colon (both forms occur).</summary>
    public bool CompactSseFields { get; set; }

    /// <summary>
    /// Gets or sets the embedding models whose vectors are L2-normalised. Default: <c>clir-sts-dolphin</c> and
    /// <c>bge-m3</c>; <c>clir-emb-dolphin</c> answers un-normalised vectors (as one public client reports the service
    /// does), so code that assumes unit length shows its mistake offline.
    /// </summary>
    public ISet<string> UnitLengthEmbeddingModels { get; set; } = new HashSet<string>(StringComparer.Ordinal) { "clir-sts-dolphin", "bge-m3" };

    /// <summary>
    /// Gets or sets how long to wait before answering an embedding request, by its text; null for no wait. Lets a
    /// test make replies arrive out of order, or measure concurrency against a slow server.
    /// </summary>
    public Func<string, TimeSpan>? EmbeddingDelay { get; set; }

    /// <summary>
    /// Gets or sets the routers served at <c>/v1/routers/{routerId}/versions/{version}/route</c>, by router id. Default:
    /// <c>demo-router</c> (<see cref="EmulatorRouter.Demo"/>).
    /// </summary>
    public IDictionary<string, EmulatorRouter> Routers { get; set; } = new Dictionary<string, EmulatorRouter>(StringComparer.Ordinal) { ["demo-router"] = EmulatorRouter.Demo() };
}
