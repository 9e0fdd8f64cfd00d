namespace Clova;

/// <summary>How a generator from <see cref="ClovaClient.GetEmbeddingGenerator"/> sends its requests and shapes its vectors.</summary>
public sealed class ClovaEmbeddingGeneratorOptions
{
    /// <summary>The default of <see cref="MaxConcurrency"/>.</summary>
    public const int DefaultMaxConcurrency = 8;

    /// <summary>
    /// Gets or sets how many embedding requests one <c>GenerateAsync</c> call keeps in flight. CLOVA embeds one text
    /// per request, so N texts are N requests; this bounds them. Default <see cref="DefaultMaxConcurrency"/>: enough
    /// to hide latency, few enough to stay clear of a small account's rate limit (a 429 is retried per text anyway).
    /// </summary>
    public int MaxConcurrency { get; set; } = DefaultMaxConcurrency;

    /// <summary>
    /// Gets or sets whether vectors are scaled to unit length (L2) before they are returned. Off by default: vectors
    /// come as CLOVA sends them, and CLOVA does not promise unit length (<c>clir-emb-dolphin</c> is reported not to
    /// be normalised). Turn it on when a store compares by dot product, which equals cosine only for unit vectors.
    /// </summary>
    public bool Normalize { get; set; }

    /// <summary>
    /// Gets or sets whether every text is first counted with CLOVA's embedding v2 tokenizer and an over-long one is
    /// refused (an <see cref="ArgumentException"/> with its index and count) before any embedding request is paid
    /// for. Works with <c>bge-m3</c> only, the one model CLOVA publishes a tokenizer for; a text over the tokenizer's
    /// own 10,000-character limit is left to the service. Off by default: it costs one extra request per text.
    /// </summary>
    public bool CheckTokenLimit { get; set; }

    /// <summary>Returns a checked copy; each refusal names the property.</summary>
    internal ClovaEmbeddingGeneratorOptions Validate() =>
        MaxConcurrency is < 1 or > 256
            ? throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "ClovaEmbeddingGeneratorOptions.MaxConcurrency must be between 1 and 256.")
            : new ClovaEmbeddingGeneratorOptions { MaxConcurrency = MaxConcurrency, Normalize = Normalize, CheckTokenLimit = CheckTokenLimit };
}
