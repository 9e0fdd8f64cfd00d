/// <summary>What the embedding samples rank with.</summary>
internal static class VectorMath
{
    /// <summary>
    /// Cosine similarity. Not a dot product: CLOVA does not promise unit-length vectors (clir-emb-dolphin's are not).
    /// </summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, normA = 0, normB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }

        return dot / Math.Sqrt(normA * normB);
    }
}
