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
                return schema["minimum"] is JsonValue lo && lo.TryGetValue(out long low) ? low : 1;
            case "number":
                return schema["minimum"] is JsonValue dlo && dlo.TryGetValue(out double dlow) ? dlow : 1.5;
            case "boolean":
                return true;
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

        // "name=value" in the question wins; otherwise the question's last word stands for the value asked about.
        foreach (string word in hint.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name.Length > 0 && word.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
            {
                return word[(name.Length + 1)..].Trim('?', '!', '.', ',');
            }
        }

        string last = hint.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return last.Trim('?', '!', '.', ',') is { Length: > 0 } cleaned ? cleaned : "value";
    }
}
