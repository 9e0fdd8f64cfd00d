using System.Text;

namespace Clova.Emulator.Protocol;

/// <summary>
/// The emulator's one token rule, used by every endpoint (chat usage, streaming, limits, the token calculators and
/// the sliding window):
/// a token is a run of ASCII letters and digits, or any other single character (a Hangul syllable, a kana, a
/// punctuation mark, an emoji as one code point), together with the whitespace in front of it. Whitespace at the
/// very end is a token of its own. The tokens of a text concatenate back to exactly that text. An image costs
/// <see cref="ImageTokens"/>. The calculators report content tokens only; chat usage and the sliding window add
/// <see cref="TurnTokens"/> per message (so calculator count + 3 per message = the chat call's promptTokens).
/// </summary>
internal static class EmulatorTokenizer
{
    /// <summary>Tokens one image costs in the prompt.</summary>
    public const int ImageTokens = 100;

    /// <summary>Tokens each message costs in a prompt on top of its content: its role and turn markers.</summary>
    public const int TurnTokens = 3;

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

    /// <summary>Prompt tokens: each message's content, plus <see cref="TurnTokens"/>, plus <see cref="ImageTokens"/> per image.</summary>
    /// <param name="turns">The conversation.</param>
    /// <returns>The count.</returns>
    public static int CountPrompt(IEnumerable<ChatTurn> turns) => turns.Sum(t => Count(t.Text) + TurnTokens + (t.Images * ImageTokens));
}
