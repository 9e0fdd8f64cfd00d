using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clova.Chat;

/// <summary>
/// Rewrites JSON Schemas into what CLOVA accepts. The walk is schema-aware: keywords are only touched where a
/// schema stands, so a property that happens to be called <c>additionalProperties</c> or <c>pattern</c> survives.
/// </summary>
internal static class ClovaSchema
{
    // Tool schemas: public clients strip exactly these (CLOVA answers 40009 otherwise); nothing else changes.
    private static readonly HashSet<string> ToolRemoved = ["$schema", "additionalProperties"];

    // Structured outputs: keywords that only annotate are dropped without changing what output is valid…
    private static readonly HashSet<string> ResponseRemoved =
    [
        "$schema", "$id", "$comment", "title", "default", "examples", "readOnly", "writeOnly", "deprecated",
        // …except additionalProperties, which CLOVA's subset lacks: dropping it is the only way to send the schema.
        "additionalProperties",
    ];

    // …and the documented subset is kept as is.
    private static readonly HashSet<string> ResponseKept =
    [
        "type", "description", "properties", "required", "items", "enum", "anyOf", "minimum", "maximum",
        "minItems", "maxItems", "format",
    ];

    private static readonly HashSet<string> SupportedFormats =
        ["date-time", "date", "time", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"];

    private static readonly HashSet<string> SupportedTypes = ["string", "number", "boolean", "integer", "object", "array"];

    /// <summary>Removes <c>$schema</c> and <c>additionalProperties</c> from every schema inside a tool's parameters.</summary>
    public static JsonElement ToClovaToolSchema(JsonElement schema)
    {
        JsonNode? node = JsonNode.Parse(schema.GetRawText());
        WalkTool(node);
        return ToElement(node);
    }

    /// <summary>
    /// Fits a structured-output schema into CLOVA's subset (types string/number/boolean/integer/object/array;
    /// the listed formats; minimum/maximum; minItems/maxItems/items; properties/required; enum; anyOf).
    /// Annotations are dropped, <c>const</c> becomes a one-value <c>enum</c>, a nullable type
    /// (<c>["string","null"]</c>) becomes its non-null type, a format outside the list is dropped; any other
    /// constraint (such as <c>pattern</c>) is refused, naming the keyword and where it stands.
    /// </summary>
    public static JsonElement ToClovaResponseSchema(JsonElement schema)
    {
        JsonNode? node = JsonNode.Parse(schema.GetRawText());
        if (node is not JsonObject root)
        {
            throw Refuse("$", "the schema must be a JSON object");
        }

        WalkResponse(root, "$");
        return ToElement(root);
    }

    private static void WalkTool(JsonNode? node)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        foreach (string key in ToolRemoved)
        {
            schema.Remove(key);
        }

        foreach (KeyValuePair<string, JsonNode?> pair in schema.ToList())
        {
            switch (pair.Key)
            {
                case "properties" or "$defs" or "definitions" or "patternProperties" when pair.Value is JsonObject named:
                    foreach (KeyValuePair<string, JsonNode?> child in named)
                    {
                        WalkTool(child.Value);
                    }

                    break;
                case "items" or "not" or "additionalItems" or "contains" or "if" or "then" or "else":
                    WalkToolAny(pair.Value);
                    break;
                case "anyOf" or "oneOf" or "allOf" or "prefixItems":
                    WalkToolAny(pair.Value);
                    break;
            }
        }
    }

    private static void WalkToolAny(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (JsonNode? item in array)
            {
                WalkTool(item);
            }
        }
        else
        {
            WalkTool(node);
        }
    }

    private static void WalkResponse(JsonObject schema, string path)
    {
        foreach (KeyValuePair<string, JsonNode?> pair in schema.ToList())
        {
            string key = pair.Key;
            string at = $"{path}.{key}";
            if (ResponseRemoved.Contains(key))
            {
                schema.Remove(key);
            }
            else if (key == "const")
            {
                schema.Remove("const");
                schema["enum"] = new JsonArray(pair.Value?.DeepClone());
            }
            else if (!ResponseKept.Contains(key))
            {
                throw Refuse(at, $"'{key}' is outside the JSON Schema subset CLOVA structured outputs support");
            }
            else if (key == "type")
            {
                NormaliseType(schema, pair.Value, at);
            }
            else if (key == "format" && !(pair.Value is JsonValue f && f.TryGetValue(out string? format) && SupportedFormats.Contains(format)))
            {
                // A format is a generation hint; an unsupported one would fail the whole request (40055).
                schema.Remove("format");
            }
            else if (key == "properties")
            {
                if (pair.Value is not JsonObject properties)
                {
                    throw Refuse(at, "'properties' must be an object");
                }

                foreach (KeyValuePair<string, JsonNode?> property in properties)
                {
                    WalkResponse(property.Value as JsonObject ?? throw Refuse($"{at}.{property.Key}", "a property schema must be an object"), $"{at}.{property.Key}");
                }
            }
            else if (key == "items")
            {
                WalkResponse(pair.Value as JsonObject ?? throw Refuse(at, "'items' must be one schema object"), at);
            }
            else if (key == "anyOf")
            {
                JsonArray options = pair.Value as JsonArray ?? throw Refuse(at, "'anyOf' must be an array");
                for (int i = 0; i < options.Count; i++)
                {
                    WalkResponse(options[i] as JsonObject ?? throw Refuse($"{at}[{i}]", "each 'anyOf' entry must be a schema object"), $"{at}[{i}]");
                }
            }
        }
    }

    private static void NormaliseType(JsonObject schema, JsonNode? type, string at)
    {
        if (type is JsonValue single && single.TryGetValue(out string? name))
        {
            if (!SupportedTypes.Contains(name))
            {
                throw Refuse(at, $"type '{name}' is not supported (string, number, boolean, integer, object, array)");
            }

            return;
        }

        if (type is not JsonArray many)
        {
            throw Refuse(at, "'type' must be a string or an array of strings");
        }

        var types = many.Select(t => t is JsonValue v && v.TryGetValue(out string? s) ? s : throw Refuse(at, "'type' must hold strings"))
            .Where(t => t != "null")
            .ToList();
        foreach (string t in types)
        {
            NormaliseType(schema, JsonValue.Create(t), at);
        }

        switch (types.Count)
        {
            case 0:
                throw Refuse(at, "a schema that only allows null cannot be expressed");
            case 1:
                // CLOVA has no null type: a nullable field becomes required-to-be-present, which T still accepts.
                schema["type"] = types[0];
                break;
            default:
                schema.Remove("type");
                schema["anyOf"] = new JsonArray(types.Select(t => (JsonNode)new JsonObject { ["type"] = t }).ToArray());
                break;
        }
    }

    private static JsonElement ToElement(JsonNode? node)
    {
        using JsonDocument document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }

    private static ArgumentException Refuse(string path, string why) =>
        new($"ChatOptions.ResponseFormat schema at {path}: {why}. Remove it from the schema (CLOVA answers 40055 to schemas outside its subset).", "options");
}
