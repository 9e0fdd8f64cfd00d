namespace Clova.Emulator.Protocol;

/// <summary>
/// Deterministic 1024-float vectors that mean something offline: every word (lower-cased, invariant) and every
/// Korean syllable bigram inside a word is hashed to a signed unit in the vector, so texts that share words or
/// syllable pairs ("환불" in "환불은" and "환불하려면") come out closer than texts that share none. No randomness:
/// the same text always gives the same vector, on every machine.
/// </summary>
internal static class EmulatorEmbedder
{
    /// <summary>Every CLOVA embedding model answers 1024 floats.</summary>
    public const int Dimensions = 1024;

    /// <summary>Builds the vector of <paramref name="text"/>, unit length or scaled (as <c>clir-emb-dolphin</c> is reported to be).</summary>
    /// <param name="text">A non-empty text.</param>
    /// <param name="unitLength">Whether to return an L2-normalised vector.</param>
    /// <returns>The vector.</returns>
    public static float[] Embed(string text, bool unitLength)
    {
        var sums = new double[Dimensions];
        int features = 0;
        foreach (string word in TextUnits.Words(text))
        {
            Add(sums, word, 1.0);
            features++;
            for (int i = 0; i + 1 < word.Length; i++)
            {
                if (IsHangulSyllable(word[i]) && IsHangulSyllable(word[i + 1]))
                {
                    Add(sums, word.Substring(i, 2), 0.7);
                    features++;
                }
            }
        }

        double norm = Math.Sqrt(sums.Sum(v => v * v));
        // An un-normalised model's length grows with the text, which is what makes skipping the cosine visible.
        double scale = norm == 0 ? 0 : (unitLength ? 1.0 : Math.Sqrt(features + 1)) / norm;
        var vector = new float[Dimensions];
        for (int i = 0; i < Dimensions; i++)
        {
            vector[i] = (float)(sums[i] * scale);
        }

        return vector;
    }

    private static bool IsHangulSyllable(char c) => c is >= '\uAC00' and <= '\uD7A3';

    private static void Add(double[] sums, string feature, double weight)
    {
        // FNV-1a over UTF-16 code units: stable across processes, unlike string.GetHashCode.
        uint hash = 2166136261;
        foreach (char c in feature)
        {
            hash = (hash ^ c) * 16777619;
        }

        sums[hash % Dimensions] += (hash & 0x8000_0000) == 0 ? weight : -weight;
    }
}
