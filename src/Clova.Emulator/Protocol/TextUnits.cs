using System.Globalization;
using System.Text;

namespace Clova.Emulator.Protocol;

/// <summary>
/// The words and sentences the RAG tools reason with: a word is a run of letters or digits, lower-cased; a sentence
/// ends at a newline or after '.', '?' or '!'. Korean particles stay on their words, so two words match when they
/// share their first two syllables ("환불은" and "환불해").
/// </summary>
internal static class TextUnits
{
    /// <summary>The words of <paramref name="text"/>, in order.</summary>
    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>The comparable stems of a text's words: each word cut to two characters when it is Hangul.</summary>
    public static HashSet<string> Stems(string text)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in Words(text))
        {
            stems.Add(word.Length > 2 && word[0] is >= '\uAC00' and <= '\uD7A3' ? word[..2] : word);
        }

        return stems;
    }

    /// <summary>How many stems two texts share.</summary>
    public static int Shared(HashSet<string> a, string b) => Stems(b).Count(a.Contains);

    /// <summary>The sentences of a text, trimmed, none empty.</summary>
    public static List<string> Sentences(string text)
    {
        var sentences = new List<string>();
        var current = new StringBuilder();
        foreach (char c in text)
        {
            if (c is '\n' or '\r')
            {
                Flush();
                continue;
            }

            current.Append(c);
            if (c is '.' or '?' or '!')
            {
                Flush();
            }
        }

        Flush();
        return sentences;

        void Flush()
        {
            string sentence = current.ToString().Trim();
            if (sentence.Length > 0)
            {
                sentences.Add(sentence);
            }

            current.Clear();
        }
    }

    /// <summary>The sentence of <paramref name="text"/> sharing the most stems with <paramref name="asked"/> (the first on a tie).</summary>
    public static string BestSentence(HashSet<string> asked, string text)
    {
        List<string> sentences = Sentences(text);
        return sentences.Count == 0 ? text : sentences.Select((s, i) => (s, i, score: Shared(asked, s))).OrderByDescending(x => x.score).ThenBy(x => x.i).First().s;
    }
}
