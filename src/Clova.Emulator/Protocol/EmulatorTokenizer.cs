using System.Text;

namespace Clova.Emulator.Protocol;

/// <summary>
/// The emulator's one token rule, used by every endpoint (chat usage, streaming, limits, and later the token
/// calculators and the sliding window):
/// a token is a run of ASCII letters and digits, or any other single character (a Hangul syllable, a kana, a
/// punctuation mark, an emoji as one code point), together with the whitespace in front of it. Whitespace at the
/// very end is a token of its own. The tokens of a text concatenate back to exactly that text.
/// </summary>
internal static class EmulatorTokenizer
{
    /// <summary>Splits <paramref name="text"/> into tokens.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The tokens, in order.</returns>
    public static List<string> Split(string text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i < text.Length)
            {
                if (char.IsAsciiLetterOrDigit(text[i]))
                {
                    while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
                    {
                        i++;
                    }
                }
                else
                {
                    i += char.IsSurrogatePair(text, i) ? 2 : 1;
                }
            }

            tokens.Add(text[start..i]);
        }

        return tokens;
    }

    /// <summary>Counts the tokens of <paramref name="text"/>.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The number of tokens <see cref="Split"/> would return.</returns>
    public static int Count(string text) => Split(text).Count;

    /// <summary>Returns the first <paramref name="count"/> tokens of <paramref name="text"/> joined again.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="count">How many tokens to keep.</param>
    /// <returns>The prefix made of those tokens.</returns>
    public static string Take(string text, int count)
    {
        var builder = new StringBuilder();
        foreach (string token in Split(text).Take(Math.Max(0, count)))
        {
            builder.Append(token);
        }

        return builder.ToString();
    }
}
