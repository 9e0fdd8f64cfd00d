using System.Globalization;
using System.Text.Json;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Chat;

/// <summary>
/// Reads CLOVA request fields from <see cref="ChatOptions.AdditionalProperties"/>: a key that is a CLOVA field name
/// (<c>includeAiFilters</c>, <c>repetitionPenalty</c>, <c>maxCompletionTokens</c>…) is sent under that name when
/// the typed <see cref="ChatOptions"/> did not already set the field. Other keys are left for other components.
/// </summary>
internal static class ChatAdditionalProperties
{
    public static void Apply(ClovaChatRequest request, AdditionalPropertiesDictionary? properties)
    {
        if (properties is null)
        {
            return;
        }

        foreach (KeyValuePair<string, object?> pair in properties)
        {
            if (pair.Value is null)
            {
                continue;
            }

            switch (pair.Key)
            {
                case "includeAiFilters":
                    request.IncludeAiFilters ??= ToBoolean(pair.Key, pair.Value);
                    break;
                case "repetitionPenalty":
                    request.RepetitionPenalty ??= ToDouble(pair.Key, pair.Value);
                    break;
                case "temperature":
                    request.Temperature ??= ToDouble(pair.Key, pair.Value);
                    break;
                case "topP":
                    request.TopP ??= ToDouble(pair.Key, pair.Value);
                    break;
                case "topK":
                    request.TopK ??= (int)ToInteger(pair.Key, pair.Value, int.MaxValue);
                    break;
                case "maxTokens":
                    request.MaxTokens ??= (int)ToInteger(pair.Key, pair.Value, int.MaxValue);
                    break;
                case "maxCompletionTokens":
                    request.MaxCompletionTokens ??= (int)ToInteger(pair.Key, pair.Value, int.MaxValue);
                    break;
                case "seed":
                    request.Seed ??= ToInteger(pair.Key, pair.Value, long.MaxValue);
                    break;
                case "stop":
                    request.Stop ??= ToStrings(pair.Key, pair.Value);
                    break;
                case "thinking":
                    request.Thinking ??= new ClovaThinking { Effort = ToEffort(pair.Value) };
                    break;
            }
        }
    }

    internal static bool ToBoolean(string key, object value) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out bool parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        _ => throw Invalid(key, value, "a boolean"),
    };

    internal static double ToDouble(string key, object value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        int or long or short or byte or uint or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        _ => throw Invalid(key, value, "a number"),
    };

    internal static long ToInteger(string key, object value, long max)
    {
        long result = value switch
        {
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            uint u => u,
            ulong u when u <= long.MaxValue => (long)u,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out long parsed) => parsed,
            _ => throw Invalid(key, value, "a whole number"),
        };
        return result <= max ? result : throw Invalid(key, value, $"a whole number no larger than {max}");
    }

    internal static List<string> ToStrings(string key, object value)
    {
        switch (value)
        {
            case string single:
                return [single];
            case IEnumerable<string> many:
                return [.. many];
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                var list = new List<string>();
                foreach (JsonElement item in array.EnumerateArray())
                {
                    list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Invalid(key, value, "an array of strings"));
                }

                return list;
            default:
                throw Invalid(key, value, "a string or a list of strings");
        }
    }

    private static string ToEffort(object value) => value switch
    {
        string s => s,
        ReasoningEffort effort => ChatRequestMapper.ToClovaEffort(effort)!,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonElement { ValueKind: JsonValueKind.Object } e when e.TryGetProperty("effort", out JsonElement inner) && inner.ValueKind == JsonValueKind.String => inner.GetString()!,
        _ => throw Invalid("thinking", value, "an effort string (none, low, medium, high) or an object {\"effort\": …}"),
    };

    internal static ArgumentException Invalid(string key, object value, string expected) =>
        new($"ChatOptions.AdditionalProperties[\"{key}\"] must be {expected}; got a {value.GetType().Name}.", "options");
}
