using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clova.Rules;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Chat;

/// <summary>
/// Fits JSON Schemas to what CLOVA accepts; the subset and the refusals are the rule book's. Both walks are
/// schema-aware: a property that happens to be called <c>additionalProperties</c> or <c>pattern</c> is a name, not a
/// keyword. Each schema is fitted once: tools per function (a tool loop re-sends them every round), response
/// formats per <see cref="ChatResponseFormatJson"/> through Microsoft.Extensions.AI's <see cref="AIJsonSchemaTransformCache"/>.
/// </summary>
internal static class ClovaSchema
{
    // Tools are walked by hand: Microsoft.Extensions.AI's transformer fails on schemas CLOVA can still take (tuple
    // items) and leaves $ref unresolved, which the subset cannot carry.
    private static readonly ConditionalWeakTable<AIFunctionDeclaration, StrongBox<JsonElement>> ToolSchemas = [];

    private static readonly AIJsonSchemaTransformCache ResponseSchemas = new(new AIJsonSchemaTransformOptions
    {
        TransformSchemaNode = static (_, node) => FitResponseNode(node),
    });

    // A $ref is inlined; these bound what a schema of many shared or nested definitions can grow to.
    private const int MaxRefDepth = 16;
    private const int MaxInlinedRefs = 256;

    /// <summary>
    /// A tool's parameter schema within CLOVA's documented subset: local <c>$ref</c>s inlined (a recursive one ends
    /// as an open schema), <c>oneOf</c> as <c>anyOf</c>, <c>const</c> as a one-value <c>enum</c>, a nullable type as
    /// its non-null type, and every other keyword (<c>$schema</c>, <c>additionalProperties</c>, titles, defaults,
    /// keywords other libraries add) dropped. Never refuses: a tool schema is guidance for the model.
    /// </summary>
    public static JsonElement ToClovaToolSchema(AIFunctionDeclaration function) =>
        ToolSchemas.GetValue(function, static f => new StrongBox<JsonElement>(FitToolSchema(f.JsonSchema))).Value;

    /// <summary>
    /// A structured-output schema fitted into CLOVA's subset: checked by the rule book (anything it cannot express,
    /// such as <c>pattern</c>, is refused with its path), then annotations dropped, <c>const</c> as a one-value
    /// <c>enum</c>, a nullable type as its non-null type, a format outside the list dropped.
    /// </summary>
    public static JsonElement ToClovaResponseSchema(ChatResponseFormatJson format)
    {
        ClovaRuleBook.CheckResponseSchema(format.Schema!.Value);
        try
        {
            return ResponseSchemas.GetOrCreateTransformedSchema(format)!.Value;
        }
        catch (ArgumentException e)
        {
            // Only inside dropped annotations can a shape remain that the transformer refuses.
            throw ClovaRuleBook.RefuseSchema("$", e.Message);
        }
    }

    private static JsonElement FitToolSchema(JsonElement schema)
    {
        JsonNode? root = JsonSerializer.SerializeToNode(schema, ClovaJson.Context.JsonElement);
        var refs = new RefState(root);
        JsonNode fitted = FitToolNode(root?.DeepClone(), refs, depth: 0);
        return JsonSerializer.SerializeToElement(fitted, ClovaJson.Context.JsonNode);
    }

    private static JsonObject FitToolNode(JsonNode? node, RefState refs, int depth)
    {
        if (node is not JsonObject schema || depth > MaxRefDepth * 4)
        {
            // true, false or a malformed subschema: an open schema is the honest hint.
            return [];
        }

        if (schema["$ref"] is JsonValue reference && reference.TryGetValue(out string? pointer))
        {
            schema.Remove("$ref");
            if (refs.Enter(pointer) is { } target)
            {
                JsonObject inlined = FitToolNode(target.DeepClone(), refs, depth + 1);
                refs.Leave(pointer);
                foreach (KeyValuePair<string, JsonNode?> sibling in schema)
                {
                    // Keywords beside a $ref (usually a description) refine the definition.
                    inlined[sibling.Key] = sibling.Value?.DeepClone();
                }

                schema = inlined;
            }
        }

        if (!schema.ContainsKey("anyOf") && schema["oneOf"] is JsonNode oneOf)
        {
            schema.Remove("oneOf");
            schema["anyOf"] = oneOf;
        }

        if (!schema.ContainsKey("enum") && schema.TryGetPropertyValue("const", out JsonNode? constant))
        {
            schema.Remove("const");
            schema["enum"] = new JsonArray(constant);
        }

        if (schema["type"] is JsonArray types)
        {
            string[] nonNull = [.. types.OfType<JsonValue>().Select(t => t.TryGetValue(out string? s) ? s : null).OfType<string>().Where(t => t != "null")];
            if (nonNull.Length == 1)
            {
                schema["type"] = nonNull[0];
            }
            else
            {
                schema.Remove("type");
                if (nonNull.Length > 1 && !schema.ContainsKey("anyOf"))
                {
                    schema["anyOf"] = new JsonArray([.. nonNull.Select(t => (JsonNode)new JsonObject { ["type"] = t })]);
                }
            }
        }

        foreach (string key in schema.Select(p => p.Key).Where(k => !ClovaRuleBook.SchemaKeywords.Contains(k)).ToList())
        {
            schema.Remove(key);
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (string name in properties.Select(p => p.Key).ToList())
            {
                Replace(properties[name], FitToolNode(properties[name], refs, depth + 1), fitted => properties[name] = fitted);
            }
        }
        else
        {
            schema.Remove("properties");
        }

        switch (schema["items"])
        {
            case JsonObject items:
                Replace(items, FitToolNode(items, refs, depth + 1), fitted => schema["items"] = fitted);
                break;
            case not null:
                // Tuple items have no form in the subset; the element types stay open.
                schema.Remove("items");
                break;
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            for (int i = 0; i < anyOf.Count; i++)
            {
                int at = i;
                Replace(anyOf[at], FitToolNode(anyOf[at], refs, depth + 1), fitted => anyOf[at] = fitted);
            }
        }
        else
        {
            schema.Remove("anyOf");
        }

        return schema;
    }

    /// <summary>Puts a fitted subschema in place; one fitted where it stands is already there (and may not be re-parented).</summary>
    private static void Replace(JsonNode? original, JsonObject fitted, Action<JsonObject> put)
    {
        if (!ReferenceEquals(original, fitted))
        {
            put(fitted);
        }
    }

    private static JsonNode FitResponseNode(JsonNode node)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        foreach (KeyValuePair<string, JsonNode?> pair in schema.ToList())
        {
            string key = pair.Key;
            if (ClovaRuleBook.SchemaAnnotations.Contains(key))
            {
                schema.Remove(key);
            }
            else if (key == "const")
            {
                schema.Remove("const");
                schema["enum"] = new JsonArray(pair.Value?.DeepClone());
            }
            else if (key == "type" && pair.Value is JsonArray many)
            {
                // CLOVA has no null type: a nullable field becomes required-to-be-present, which T still accepts.
                string[] types = [.. many.Select(t => (string)t!).Where(t => t != "null")];
                schema.Remove("type");
                if (types.Length == 1)
                {
                    schema["type"] = types[0];
                }
                else
                {
                    schema["anyOf"] = new JsonArray([.. types.Select(t => (JsonNode)new JsonObject { ["type"] = t })]);
                }
            }
            else if (key == "format" && !(pair.Value is JsonValue f && f.TryGetValue(out string? format) && ClovaRuleBook.SchemaFormats.Contains(format)))
            {
                // A format is a generation hint; an unsupported one would fail the whole request (40055).
                schema.Remove("format");
            }
        }

        return schema;
    }

    /// <summary>Resolves local JSON pointers (<c>#/$defs/X</c>, <c>#/properties/n</c>, <c>#</c>) and keeps inlining finite.</summary>
    private sealed class RefState(JsonNode? root)
    {
        private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);
        private int _inlined;

        public JsonNode? Enter(string pointer)
        {
            if (!pointer.StartsWith('#') || _expanding.Count >= MaxRefDepth || _inlined >= MaxInlinedRefs || !_expanding.Add(pointer))
            {
                // Not local, too deep, too many, or recursive: the reference is dropped and the schema stays open.
                return null;
            }

            _inlined++;
            JsonNode? node = root;
            foreach (string segment in pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                string name = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                node = node switch
                {
                    JsonObject obj => obj[name],
                    JsonArray array when int.TryParse(name, out int index) && index >= 0 && index < array.Count => array[index],
                    _ => null,
                };
            }

            if (node is null)
            {
                _expanding.Remove(pointer);
            }

            return node;
        }

        public void Leave(string pointer) => _expanding.Remove(pointer);
    }
}
