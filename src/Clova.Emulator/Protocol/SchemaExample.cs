using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>
/// Makes up a JSON value that satisfies a schema: the emulator's tool-call arguments and structured-output answers.
/// Deterministic, and it takes string values from the question so tests can steer them.
/// </summary>
internal static class SchemaExample
{
    /// <summary>Builds a value for <paramref name="schema"/>: the first enum value or anyOf branch, required properties only, <c>minItems</c> items, minimums for numbers.</summary>
    /// <param name="schema">The schema, or null.</param>
    /// <param name="hint">Text to draw string values from (the user's question).</param>
    /// <param name="name">The property name the value is for.</param>
    /// <returns>The value.</returns>
    public static JsonNode? For(JsonObject? schema, string hint, string name = "")
    {
        if (schema is null)
        {
            return new JsonObject();
        }

        if (schema["enum"] is JsonArray choices && choices.Count > 0)
        {
            return choices[0]?.DeepClone();
        }

        if (schema["anyOf"] is JsonArray options && options.Count > 0)
        {
            return For(options[0] as JsonObject, hint, name);
        }

        string type = EmulatorJson.StringOf(schema["type"]) ?? (schema["properties"] is not null ? "object" : "string");
        switch (type)
        {
            case "object":
                var value = new JsonObject();
                if (schema["properties"] is JsonObject properties)
                {
                    HashSet<string>? required = schema["required"] is JsonArray r ? r.Select(EmulatorJson.StringOf).OfType<string>().ToHashSet() : null;
                    foreach (KeyValuePair<string, JsonNode?> property in properties)
                    {
                        if (required is null || required.Contains(property.Key))
                        {
                            value[property.Key] = For(property.Value as JsonObject, hint, property.Key);
                        }
                    }
                }

                return value;
            case "array":
                int count = schema["minItems"] is JsonValue min && min.TryGetValue(out int m) ? Math.Max(1, m) : 1;
                return new JsonArray(Enumerable.Range(0, count).Select(_ => For(schema["items"] as JsonObject, hint, name)).ToArray());
            case "integer":
                return schema["minimum"] is JsonValue lo && lo.TryGetValue(out long low) ? Math.Max(low, PlausibleNumber(name)) : PlausibleNumber(name);
            case "number":
                return schema["minimum"] is JsonValue dlo && dlo.TryGetValue(out double dlow) ? Math.Max(dlow, PlausibleNumber(name) + 0.5) : PlausibleNumber(name) + 0.5;
            case "boolean":
                return !Has(name, "rain", "snow", "error", "fail", "deleted", "비", "눈");
            default:
                return StringFor(schema, hint, name);
        }
    }

    private static string StringFor(JsonObject schema, string hint, string name)
    {
        switch (EmulatorJson.StringOf(schema["format"]))
        {
            case "date":
                return "2025-01-01";
            case "date-time":
                return "2025-01-01T00:00:00Z";
            case "email":
                return "user@example.com";
            case "uuid":
                return "00000000-0000-0000-0000-000000000001";
        }

        // "name=value" in the question wins, so tests can steer any value.
        foreach (string word in hint.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name.Length > 0 && word.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
            {
                return word[(name.Length + 1)..].Trim('?', '!', '.', ',');
            }
        }

        // Otherwise the property name is the hint: a place is a city named in the question (or Seoul), a query or
        // text is the question itself, anything else a labelled placeholder; never a stray fragment of the prompt.
        if (Has(name, "city", "location", "place", "region", "도시", "지역"))
        {
            return Cities.FirstOrDefault(c => hint.Contains(c, StringComparison.OrdinalIgnoreCase)) ?? "서울";
        }

        if (Has(name, "query", "question", "text", "keyword", "search", "prompt", "검색", "질문"))
        {
            return hint.Trim();
        }

        if (Has(name, "hour", "time"))
        {
            return "09:00";
        }

        return name.Length > 0 ? $"{name} 예시" : "예시";
    }

    private static readonly string[] Cities =
    [
        "서울", "부산", "인천", "대구", "대전", "광주", "울산", "세종", "제주", "수원", "성남", "춘천", "강릉", "전주", "포항",
        "Seoul", "Busan", "Incheon", "Daegu", "Daejeon", "Gwangju", "Ulsan", "Jeju", "Tokyo", "Osaka", "New York", "London", "Paris",
    ];

    private static bool Has(string name, params string[] parts) => parts.Any(p => name.Contains(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>A number that reads sensibly for its property name (temperatures, ages, counts), else 1.</summary>
    private static long PlausibleNumber(string name) =>
        Has(name, "high", "max") && Has(name, "temp", "celsius", "기온") ? 27
        : Has(name, "low", "min") && Has(name, "temp", "celsius", "기온") ? 18
        : Has(name, "temp", "celsius", "기온", "high") ? 24
        : Has(name, "low") ? 18
        : Has(name, "age", "나이") ? 30
        : Has(name, "percent", "humidity", "습도") ? 60
        : Has(name, "year", "연도") ? 2025
        : Has(name, "count", "number", "quantity", "개수", "수량") ? 3
        : 1;
}
