using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>The v3 rules for function calling and structured outputs.</summary>
internal static class ToolAndFormatRules
{
    private static readonly HashSet<string> ResponseSchemaKeywords =
    [
        "type", "description", "properties", "required", "items", "enum", "anyOf", "minimum", "maximum",
        "minItems", "maxItems", "format",
    ];

    private static readonly HashSet<string> Formats = ["date-time", "date", "time", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"];
    private static readonly HashSet<string> Types = ["string", "number", "boolean", "integer", "object", "array"];

    /// <summary>Reads <c>tools</c>; 40009 for a schema CLOVA rejects.</summary>
    /// <param name="node">The <c>tools</c> value.</param>
    /// <returns>The tools.</returns>
    public static List<EmulatorTool> ParseTools(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array || array.Count == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: tools must be a non-empty array");
        }

        var tools = new List<EmulatorTool>();
        foreach (JsonNode? item in array)
        {
            if (item is not JsonObject tool || Text(tool["type"]) != "function" || tool["function"] is not JsonObject function
                || Text(function["name"]) is not { Length: > 0 } name)
            {
                throw new ClovaApiError("40001", "Invalid parameter: tools[] must be {\"type\":\"function\",\"function\":{\"name\":…}}");
            }

            JsonObject? parameters = function["parameters"] as JsonObject;
            if (parameters is not null && FindToolKeyword(parameters) is { } bad)
            {
                throw new ClovaApiError("40009", $"Unsupported function: {name} parameters use '{bad}'");
            }

            tools.Add(new EmulatorTool(name, Text(function["description"]) ?? "", parameters));
        }

        return tools;
    }

    /// <summary>Reads <c>toolChoice</c>: "auto", "none" or a named function among the tools.</summary>
    /// <param name="node">The <c>toolChoice</c> value.</param>
    /// <param name="tools">The tools sent.</param>
    /// <returns>The mode and forced name.</returns>
    public static (string? Mode, string? Forced) ParseToolChoice(JsonNode? node, IReadOnlyList<EmulatorTool> tools)
    {
        if (node is null)
        {
            return (null, null);
        }

        if (tools.Count == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: toolChoice without tools");
        }

        if (Text(node) is { } mode)
        {
            return mode is "auto" or "none" ? (mode, null) : throw new ClovaApiError("40001", $"Invalid parameter: toolChoice '{mode}'");
        }

        string? name = node is JsonObject o && Text(o["type"]) == "function" && o["function"] is JsonObject f ? Text(f["name"]) : null;
        if (name is null || tools.All(t => t.Name != name))
        {
            throw new ClovaApiError("40001", "Invalid parameter: toolChoice must name one of the tools");
        }

        return (null, name);
    }

    /// <summary>Reads <c>responseFormat</c>: both <c>type: json</c> and a schema in the supported subset.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The schema, or null.</returns>
    public static JsonObject? ParseResponseFormat(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject format || Text(format["type"]) != "json" || format["schema"] is not JsonObject schema)
        {
            throw new ClovaApiError("40001", "Invalid parameter: responseFormat needs type \"json\" and a schema object");
        }

        CheckResponseSchema(schema, "schema");
        return schema;
    }

    /// <summary>Builds a JSON value that satisfies a schema (used for tool arguments and structured outputs).</summary>
    /// <param name="schema">The schema, or null.</param>
    /// <param name="hint">Text to draw string values from (the user's question).</param>
    /// <param name="name">The property name the value is for.</param>
    /// <returns>The value.</returns>
    public static JsonNode? Instance(JsonObject? schema, string hint, string name = "")
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
            return Instance(options[0] as JsonObject, hint, name);
        }

        string type = Text(schema["type"]) ?? (schema["properties"] is not null ? "object" : "string");
        switch (type)
        {
            case "object":
                var value = new JsonObject();
                if (schema["properties"] is JsonObject properties)
                {
                    HashSet<string>? required = schema["required"] is JsonArray r ? r.Select(Text).OfType<string>().ToHashSet() : null;
                    foreach (KeyValuePair<string, JsonNode?> property in properties)
                    {
                        if (required is null || required.Contains(property.Key))
                        {
                            value[property.Key] = Instance(property.Value as JsonObject, hint, property.Key);
                        }
                    }
                }

                return value;
            case "array":
                int count = schema["minItems"] is JsonValue min && min.TryGetValue(out int m) ? Math.Max(1, m) : 1;
                return new JsonArray(Enumerable.Range(0, count).Select(_ => Instance(schema["items"] as JsonObject, hint, name)).ToArray());
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
        switch (Text(schema["format"]))
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

    private static string? FindToolKeyword(JsonObject schema)
    {
        foreach (KeyValuePair<string, JsonNode?> pair in schema)
        {
            if (pair.Key is "$schema" or "additionalProperties")
            {
                return pair.Key;
            }

            IEnumerable<JsonNode?> children = pair.Key switch
            {
                "properties" when pair.Value is JsonObject p => p.Select(x => x.Value),
                "items" when pair.Value is JsonObject i => [i],
                "anyOf" or "oneOf" or "allOf" when pair.Value is JsonArray a => a,
                _ => [],
            };
            foreach (JsonNode? child in children)
            {
                if (child is JsonObject o && FindToolKeyword(o) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static void CheckResponseSchema(JsonObject schema, string path)
    {
        foreach (KeyValuePair<string, JsonNode?> pair in schema)
        {
            if (!ResponseSchemaKeywords.Contains(pair.Key))
            {
                throw new ClovaApiError("40055", $"Invalid response format schema: '{pair.Key}' at {path} is not supported");
            }

            switch (pair.Key)
            {
                case "type" when Text(pair.Value) is not { } t || !Types.Contains(t):
                    throw new ClovaApiError("40055", $"Invalid response format schema: type at {path}");
                case "format" when Text(pair.Value) is not { } f || !Formats.Contains(f):
                    throw new ClovaApiError("40055", $"Invalid response format schema: format at {path}");
                case "properties" when pair.Value is JsonObject properties:
                    foreach (KeyValuePair<string, JsonNode?> property in properties)
                    {
                        CheckResponseSchema(property.Value as JsonObject ?? throw new ClovaApiError("40055", $"Invalid response format schema at {path}.{property.Key}"), $"{path}.{property.Key}");
                    }

                    break;
                case "items" when pair.Value is JsonObject items:
                    CheckResponseSchema(items, path + ".items");
                    break;
                case "anyOf" when pair.Value is JsonArray anyOf:
                    foreach (JsonNode? option in anyOf)
                    {
                        CheckResponseSchema(option as JsonObject ?? throw new ClovaApiError("40055", $"Invalid response format schema at {path}.anyOf"), path + ".anyOf");
                    }

                    break;
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
