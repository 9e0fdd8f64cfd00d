using System.Text.Json.Serialization;

namespace Clova.Wire;

/// <summary>The <c>result</c> of both embedding APIs (v1 and v2 have the same shape).</summary>
internal sealed class ClovaEmbeddingResult
{
    /// <summary>The vector (1024 floats), read without an intermediate list.</summary>
    [JsonConverter(typeof(ClovaVectorConverter))]
    public float[]? Embedding { get; set; }

    /// <summary>The tokens the text counted as.</summary>
    public int? InputTokens { get; set; }
}
