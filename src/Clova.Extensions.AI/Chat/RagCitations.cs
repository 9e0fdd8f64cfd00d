namespace Clova.Chat;

/// <summary>
/// Reads the citations out of a RAG reasoning answer: CLOVA wraps each cited span in a tag named by the document id
/// the search tool returned (<c>&lt;doc-179&gt;…&lt;/doc-179&gt;</c>). The tags stay in the text; this only lists the
/// ids, in the order they are first cited. Two linear passes (closing tags, then opening tags), so no answer, however
/// hostile, costs more than its length.
/// </summary>
internal static class RagCitations
{
    // Longer than any document id; a longer "tag" is text that happens to hold angle brackets.
    private const int MaxIdLength = 200;

    /// <summary>The ids of every opening tag with a matching closing tag after it, first citation first, each once.</summary>
    public static IReadOnlyList<string> FromClovaAnswer(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains("</", StringComparison.Ordinal))
        {
            return [];
        }

        // Where each id's last closing tag starts.
        var lastClose = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = text.IndexOf("</", StringComparison.Ordinal); i >= 0; i = text.IndexOf("</", i + 2, StringComparison.Ordinal))
        {
            if (TagId(text, i + 2) is { } id)
            {
                lastClose[id] = i;
            }
        }

        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = text.IndexOf('<'); i >= 0; i = text.IndexOf('<', i + 1))
        {
            if (i + 1 < text.Length && text[i + 1] != '/' && TagId(text, i + 1) is { } id && lastClose.TryGetValue(id, out int close) && close > i && seen.Add(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The id of a tag whose name starts at <paramref name="start"/> and ends at '&gt;', or null when it is not one.</summary>
    private static string? TagId(string text, int start)
    {
        int end = start;
        while (end < text.Length && end - start <= MaxIdLength && text[end] is not ('>' or '<' or '/') && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return end > start && end < text.Length && text[end] == '>' ? text[start..end] : null;
    }
}
