using Clova.Internal;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Embeddings;

/// <summary>Pure mapping from CLOVA's embedding result to Microsoft.Extensions.AI's types; validates what it reads.</summary>
internal static class EmbeddingMapper
{
    /// <summary>
    /// One result as an <see cref="Embedding{T}"/> over the vector read from the wire (no copy). An absent or empty
    /// vector, or one whose size is not the known model's, is a protocol error, never an empty embedding.
    /// </summary>
    public static Embedding<float> FromClovaEmbedding(ClovaEmbeddingResult result, ClovaEmbeddingModelInfo model, DateTimeOffset createdAt, bool normalize, string requestId)
    {
        float[] vector = result.Embedding is { Length: > 0 } v
            ? v
            : throw ClovaErrors.Protocol("the embedding result has no vector", requestId);
        if (model.IsKnown && vector.Length != model.Dimensions)
        {
            throw ClovaErrors.Protocol($"the embedding has {vector.Length} numbers; {model.Name} gives {model.Dimensions}", requestId);
        }

        try
        {
            ClovaWireChecks.Count(result.InputTokens, "inputTokens");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ClovaErrors.Protocol(e.Message, requestId, e);
        }

        if (normalize)
        {
            Normalize(vector);
        }

        var embedding = new Embedding<float>(vector) { ModelId = model.Name, CreatedAt = createdAt };
        if (result.InputTokens is int tokens)
        {
            embedding.AdditionalProperties = new() { [ClovaPropertyNames.InputTokens] = tokens };
        }

        return embedding;
    }

    /// <summary>Scales to unit length (L2) in place; a zero vector has no direction and stays as it is.</summary>
    public static void Normalize(Span<float> vector)
    {
        double sum = 0;
        foreach (float value in vector)
        {
            sum += (double)value * value;
        }

        if (sum > 0)
        {
            // Divided in double: for a vector of tiny (denormal) floats, 1/norm as a float would be Infinity.
            double norm = Math.Sqrt(sum);
            for (int i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(vector[i] / norm);
            }
        }
    }

    /// <summary>
    /// The usage of a whole call: the sum of every text's <c>inputTokens</c> (each already checked), or null when any
    /// text came without a count (a partial sum would under-report what was billed). Checked counts are at most a
    /// billion each, so a long sum cannot overflow.
    /// </summary>
    public static UsageDetails? FromClovaUsage(int?[] inputTokens)
    {
        long total = 0;
        foreach (int? tokens in inputTokens)
        {
            if (tokens is not int count)
            {
                return null;
            }

            total += count;
        }

        return new UsageDetails { InputTokenCount = total, TotalTokenCount = total };
    }
}
