using System.Text.Json;
using System.Text.Json.Nodes;
using Clova.Rules;
using Microsoft.Extensions.AI;

namespace Clova.Chat;

/// <summary>
/// Fits JSON Schemas to CLOVA with Microsoft.Extensions.AI's schema transformer, which walks every nested schema
/// (so a property that happens to be called <c>additionalProperties</c> or <c>pattern</c> is a name, not a keyword)
/// and caches the result per function and per response format, so a tool loop parses each schema once. The subset
/// and the refusals are the rule book's.
/// </summary>
internal static class ClovaSchema
{
    // Tool schemas keep only the documented subset: CLOVA answers 40009 to $schema and additionalProperties, and
    // callers such as Semantic Kernel add their own keywords to every parameter.
    private static readonly AIJsonSchemaTransformCache ToolSchemas = new(new AIJsonSchemaTransformOptions
    {
        TransformSchemaNode = static (_, node) => FitToolNode(node),
    });

    private static readonly AIJsonSchemaTransformCache ResponseSchemas = new(new AIJsonSchemaTransformOptions
    {
        ConvertBooleanSchemas = true,
        TransformSchemaNode = static (context, node) => FitResponseNode(node, PathOf(context)),
    });

    /// <summary>A tool's parameter schema with every keyword outside CLOVA's subset removed.</summary>
    public static JsonElement ToClovaToolSchema(AIFunctionDeclaration function) => ToolSchemas.GetOrCreateTransformedSchema(function);

    /// <summary>
    /// A structured-output schema fitted into CLOVA's subset: annotations dropped, <c>const</c> as a one-value
    /// <c>enum</c>, a nullable type (<c>["string","null"]</c>) as its non-null type, a format outside the list
    /// dropped; any other constraint (such as <c>pattern</c>) is refused, naming the keyword and where it stands.
    /// </summary>
    public static JsonElement ToClovaResponseSchema(ChatResponseFormatJson format) =>
        format.Schema is { ValueKind: not JsonValueKind.Object }
            ? throw ClovaRuleBook.RefuseSchema("$", "the schema must be a JSON object")
            : ResponseSchemas.GetOrCreateTransformedSchema(format)!.Value;

    private static JsonNode FitToolNode(JsonNode node)
    {
        if (node is JsonObject schema)
        {
            foreach (string key in schema.Select(p => p.Key).Where(k => !ClovaRuleBook.SchemaKeywords.Contains(k)).ToList())
            {
                schema.Remove(key);
            }
        }

        return node;
    }

    private static JsonNode FitResponseNode(JsonNode node, string path)
    {
        JsonObject schema = node as JsonObject ?? throw ClovaRuleBook.RefuseSchema(path, "a schema must be an object");
        foreach (KeyValuePair<string, JsonNode?> pair in schema.ToList())
        {
            string key = pair.Key;
            string at = $"{path}.{key}";
            if (ClovaRuleBook.SchemaAnnotations.Contains(key))
            {
                schema.Remove(key);
            }
            else if (key == "const")
            {
                schema.Remove("const");
                schema["enum"] = new JsonArray(pair.Value?.DeepClone());
            }
            else if (!ClovaRuleBook.SchemaKeywords.Contains(key))
            {
                throw ClovaRuleBook.RefuseSchema(at, $"'{key}' is outside the JSON Schema subset CLOVA structured outputs support");
            }
            else if (key == "type")
            {
                NormaliseType(schema, pair.Value, at);
            }
            else if (key == "format" && !(pair.Value is JsonValue f && f.TryGetValue(out string? format) && ClovaRuleBook.SchemaFormats.Contains(format)))
            {
                // A format is a generation hint; an unsupported one would fail the whole request (40055).
                schema.Remove("format");
            }
            else if (key == "properties" && pair.Value is not JsonObject)
            {
                throw ClovaRuleBook.RefuseSchema(at, "'properties' must be an object");
            }
            else if (key == "items" && pair.Value is not JsonObject)
            {
                throw ClovaRuleBook.RefuseSchema(at, "'items' must be one schema object");
            }
            else if (key == "anyOf" && pair.Value is not JsonArray)
            {
                throw ClovaRuleBook.RefuseSchema(at, "'anyOf' must be an array");
            }
        }

        return schema;
    }

    private static void NormaliseType(JsonObject schema, JsonNode? type, string at)
    {
        if (type is JsonValue single && single.TryGetValue(out string? name))
        {
            if (!ClovaRuleBook.SchemaTypes.Contains(name))
            {
                throw ClovaRuleBook.RefuseSchema(at, $"type '{name}' is not supported (string, number, boolean, integer, object, array)");
            }

            return;
        }

        if (type is not JsonArray many)
        {
            throw ClovaRuleBook.RefuseSchema(at, "'type' must be a string or an array of strings");
        }

        var types = many.Select(t => t is JsonValue v && v.TryGetValue(out string? s) ? s : throw ClovaRuleBook.RefuseSchema(at, "'type' must hold strings"))
            .Where(t => t != "null")
            .ToList();
        foreach (string t in types)
        {
            NormaliseType(schema, JsonValue.Create(t), at);
        }

        switch (types.Count)
        {
            case 0:
                throw ClovaRuleBook.RefuseSchema(at, "a schema that only allows null cannot be expressed");
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

    private static string PathOf(AIJsonSchemaTransformContext context)
    {
        var path = new System.Text.StringBuilder("$");
        foreach (string segment in context.Path)
        {
            if (!segment.StartsWith('['))
            {
                path.Append('.');
            }

            path.Append(segment);
        }

        return path.ToString();
    }
}
