namespace Clova.Internal;

/// <summary>What the connector knows about one embedding model, from <see cref="ClovaModelCatalog.GetEmbedding"/>.</summary>
/// <param name="Name">The model id as CLOVA names it.</param>
/// <param name="IsKnown">False for a model the catalogue has never heard of; its limit is then the service's to check.</param>
/// <param name="IsV2">Whether the model is served by the embedding v2 API (bge-m3), whose path names no model.</param>
/// <param name="MaxInputTokens">The longest text in tokens, or null when unknown.</param>
/// <param name="Dimensions">The vector size (1024 for every CLOVA model).</param>
internal sealed record ClovaEmbeddingModelInfo(string Name, bool IsKnown, bool IsV2, int? MaxInputTokens, int Dimensions)
{
    /// <summary>Whether CLOVA publishes a tokenizer for the model (embedding v2 only), so a length pre-check can be exact.</summary>
    public bool HasTokenizer => IsV2;
}
