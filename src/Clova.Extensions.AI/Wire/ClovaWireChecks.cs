using System.Text.Json;

namespace Clova.Wire;

/// <summary>
/// What service data must be before it is used: counts are whole, non-negative and of a size a model can have;
/// lists hold no null entries. A violation is a <see cref="JsonException"/>, which every reader turns into a
/// <see cref="ClovaException"/> with the request id, instead of a crash or a silently wrong figure further on.
/// </summary>
internal static class ClovaWireChecks
{
    /// <summary>A billion tokens: far beyond any context window, yet small enough that sums cannot overflow.</summary>
    public const long MaxCount = 1_000_000_000;

    public static long? Count(long? value, string field) =>
        value is < 0 or > MaxCount ? throw new JsonException($"{field} is {value}, not a token count (0 to {MaxCount:N0}).") : value;

    public static int? Count(int? value, string field) =>
        value is < 0 or > (int)MaxCount ? throw new JsonException($"{field} is {value}, not a token count (0 to {MaxCount:N0}).") : value;

    public static List<T>? NoNulls<T>(List<T>? list, string field)
        where T : class
    {
        if (list is not null)
        {
            foreach (T? item in list)
            {
                if (item is null)
                {
                    throw new JsonException($"{field} holds a null entry.");
                }
            }
        }

        return list;
    }

    public static ClovaUsage? Usage(ClovaUsage? usage)
    {
        if (usage is not null)
        {
            Count(usage.PromptTokens, "usage.promptTokens");
            Count(usage.CompletionTokens, "usage.completionTokens");
            Count(usage.TotalTokens, "usage.totalTokens");
            Count(usage.CompletionTokensDetails?.ThinkingTokens, "usage.completionTokensDetails.thinkingTokens");
        }

        return usage;
    }
}
