using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>The <c>aiFilter</c> verdicts on generated text, for every route that takes <c>includeAiFilters</c> (v3, v1, LK).</summary>
internal static class AiFilter
{
    /// <summary>The filter reads at most this many characters, as the spec says CLOVA's does.</summary>
    private const int ReadLimit = 500;

    /// <summary>
    /// Verdicts over the first 500 characters of <paramref name="text"/>: "insult" scores 0 (likely harmful) when it
    /// contains 바보, otherwise every score is 2. v3 items carry <c>result</c>; v1 and LK items do not (as in their
    /// samples).
    /// </summary>
    /// <param name="text">The generated text.</param>
    /// <param name="withResult">Whether to add the <c>result</c> field.</param>
    /// <returns>The <c>aiFilter</c> array.</returns>
    public static JsonArray For(string text, bool withResult)
    {
        string read = text.Length > ReadLimit ? text[..ReadLimit] : text;
        string insult = read.Contains("바보", StringComparison.Ordinal) ? "0" : "2";
        JsonObject Item(string group, string name, string score)
        {
            var item = new JsonObject { ["groupName"] = group, ["name"] = name, ["score"] = score };
            if (withResult)
            {
                item["result"] = "OK";
            }

            return item;
        }

        return [Item("curse", "discrimination", "2"), Item("curse", "insult", insult), Item("unsafeContents", "sexualHarassment", "2")];
    }
}
