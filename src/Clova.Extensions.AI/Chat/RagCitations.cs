using System.Text.RegularExpressions;

namespace Clova.Chat;

/// <summary>
/// Reads the citations out of a RAG reasoning answer: CLOVA wraps each cited span in a tag named by the document id
/// the search tool returned (<c>&lt;doc-179&gt;…&lt;/doc-179&gt;</c>). The tags stay in the text; this only lists the
/// ids, in the order they are first cited.
/// </summary>
internal static partial class RagCitations
{
    /// <summary>The ids of every opening tag with a matching closing tag, first citation first, each once.</summary>
    public static IReadOnlyList<string> FromClovaAnswer(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains("</", StringComparison.Ordinal))
        {
            return [];
        }

        var ids = new List<string>();
        foreach (Match match in CitationTag().Matches(text))
        {
            string id = match.Groups[1].Value;
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    // Bounded: an id is a short token without spaces or angle brackets; the span is matched lazily.
    [GeneratedRegex(@"<([^<>\s/]{1,200})>.*?</\1>", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CitationTag();
}
