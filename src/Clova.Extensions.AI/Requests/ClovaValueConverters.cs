using System.Globalization;
using System.Text.Json;
using Clova.Chat;
using Microsoft.Extensions.AI;

namespace Clova.Requests;

/// <summary>
/// Reads a value of <see cref="ChatOptions.AdditionalProperties"/> as the JSON kind of its field: callers put CLR
/// values, strings or <see cref="JsonElement"/>s there (configuration binding and JSON round trips give the latter).
/// </summary>
internal static class ClovaValueConverters
{
    public static object Read(ClovaParameter row, string key, object value) => row.Kind switch
    {
        ClovaValueKind.Number => ToDouble(key, value),
        ClovaValueKind.Integer => ToInteger(key, value, row.IntegerMax),
        ClovaValueKind.Boolean => ToBoolean(key, value),
        ClovaValueKind.TextList => ToStrings(key, value),
        ClovaValueKind.Effort => ToEffort(key, value),
        ClovaValueKind.Text => value as string ?? (value is JsonElement { ValueKind: JsonValueKind.String } e ? e.GetString()! : throw Invalid(key, value, "a string")),
        _ => throw Invalid(key, value, "a value this connector maps itself"),
    };

    public static bool ToBoolean(string key, object value) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out bool parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        _ => throw Invalid(key, value, "a boolean"),
    };

    public static double ToDouble(string key, object value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        int or long or short or byte or uint or ulong => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        _ => throw Invalid(key, value, "a number"),
    };

    public static long ToInteger(string key, object value, long max)
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

    public static List<string> ToStrings(string key, object value)
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

    /// <summary>An effort string, a <see cref="ReasoningEffort"/>, or an object <c>{"effort": …}</c> as CLOVA writes it.</summary>
    public static string ToEffort(string key, object value) => value switch
    {
        string s => s,
        ReasoningEffort effort => ChatRequestMapper.ToClovaEffort(effort) ?? throw Invalid(key, value, $"a known ReasoningEffort, not {effort}"),
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        JsonElement { ValueKind: JsonValueKind.Object } e when e.TryGetProperty("effort", out JsonElement inner) && inner.ValueKind == JsonValueKind.String => inner.GetString()!,
        _ => throw Invalid(key, value, "an effort string (none, low, medium, high) or an object {\"effort\": …}"),
    };

    public static ArgumentException Invalid(string key, object value, string expected) =>
        new($"ChatOptions.AdditionalProperties[\"{key}\"] must be {expected}; got a {value.GetType().Name}.", "options");
}
