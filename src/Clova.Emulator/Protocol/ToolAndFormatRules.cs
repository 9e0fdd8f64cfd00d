using System.Text.Json.Nodes;

namespace Clova.Emulator.Protocol;

/// <summary>The v3 rules for the <c>tools</c>, <c>toolChoice</c> and <c>responseFormat</c> fields (the chat request and the v3 token calculator).</summary>
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
    public static List<ToolDefinition> ReadTools(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array || array.Count == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: tools must be a non-empty array");
        }

        var tools = new List<ToolDefinition>();
        foreach (JsonNode? item in array)
        {
            if (item is not JsonObject tool || EmulatorJson.StringOf(tool["type"]) != "function" || tool["function"] is not JsonObject function
                || EmulatorJson.StringOf(function["name"]) is not { Length: > 0 } name)
            {
                throw new ClovaApiError("40001", "Invalid parameter: tools[] must be {\"type\":\"function\",\"function\":{\"name\":…}}");
            }

            JsonObject? parameters = function["parameters"] as JsonObject;
            if (parameters is not null && FindToolKeyword(parameters) is { } bad)
            {
                throw new ClovaApiError("40009", $"Unsupported function: {name} parameters use '{bad}'");
            }

            tools.Add(new ToolDefinition(name, EmulatorJson.StringOf(function["description"]) ?? "", parameters));
        }

        return tools;
    }

    /// <summary>Reads <c>toolChoice</c>: "auto", "none" or a named function among the tools.</summary>
    /// <param name="node">The <c>toolChoice</c> value.</param>
    /// <param name="tools">The tools sent.</param>
    /// <returns>The mode and forced name.</returns>
    public static (string? Mode, string? Forced) ReadToolChoice(JsonNode? node, IReadOnlyList<ToolDefinition> tools)
    {
        if (node is null)
        {
            return (null, null);
        }

        if (tools.Count == 0)
        {
            throw new ClovaApiError("40001", "Invalid parameter: toolChoice without tools");
        }

        if (EmulatorJson.StringOf(node) is { } mode)
        {
            return mode is "auto" or "none" ? (mode, null) : throw new ClovaApiError("40001", $"Invalid parameter: toolChoice '{mode}'");
        }

        string? name = node is JsonObject o && EmulatorJson.StringOf(o["type"]) == "function" && o["function"] is JsonObject f ? EmulatorJson.StringOf(f["name"]) : null;
        if (name is null || tools.All(t => t.Name != name))
        {
            throw new ClovaApiError("40001", "Invalid parameter: toolChoice must name one of the tools");
        }

        return (null, name);
    }

    /// <summary>Reads <c>responseFormat</c>: both <c>type: json</c> and a schema in the supported subset.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The schema, or null.</returns>
    public static JsonObject? ReadResponseFormat(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject format || EmulatorJson.StringOf(format["type"]) != "json" || format["schema"] is not JsonObject schema)
        {
            throw new ClovaApiError("40001", "Invalid parameter: responseFormat needs type \"json\" and a schema object");
        }

        CheckResponseSchema(schema, "schema");
        return schema;
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
                case "type" when EmulatorJson.StringOf(pair.Value) is not { } t || !Types.Contains(t):
                    throw new ClovaApiError("40055", $"Invalid response format schema: type at {path}");
                case "format" when EmulatorJson.StringOf(pair.Value) is not { } f || !Formats.Contains(f):
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
}
