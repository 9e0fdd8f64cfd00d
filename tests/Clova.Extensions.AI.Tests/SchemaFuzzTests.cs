using System.Text.Json;
using System.Text.Json.Nodes;
using Clova.Chat;
using Clova.Rules;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Seeded random schemas through the tool-schema fitter: it must never throw, and only the subset may come out.</summary>
public sealed class SchemaFuzzTests
{
    private static readonly string[] Keywords =
    [
        "type", "properties", "items", "anyOf", "oneOf", "allOf", "not", "$ref", "$defs", "const", "enum", "description",
        "additionalProperties", "pattern", "minimum", "format", "required", "title", "default", "x-sk",
    ];

    [Fact]
    public void Two_thousand_random_tool_schemas_are_fitted_without_an_exception_and_keep_only_the_subset()
    {
        var random = new Random(20261122);
        for (int i = 0; i < 2000; i++)
        {
            JsonNode schema = RandomSchema(random, depth: 0);
            AIFunctionDeclaration declaration = AIFunctionFactory.CreateDeclaration("f", null, JsonSerializer.SerializeToElement(schema));

            JsonElement fitted = ClovaSchema.ToClovaToolSchema(declaration);

            AssertSubset(JsonNode.Parse(fitted.GetRawText()), schema.ToJsonString());
        }
    }

    [Fact]
    public void Two_thousand_random_response_schemas_are_either_fitted_or_refused_with_an_ArgumentException()
    {
        var random = new Random(7);
        int fitted = 0;
        for (int i = 0; i < 2000; i++)
        {
            JsonNode schema = RandomSchema(random, depth: 0);
            var format = ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(schema));
            try
            {
                JsonElement result = ClovaSchema.ToClovaResponseSchema(format);
                Assert.Equal(JsonValueKind.Object, result.ValueKind);
                fitted++;
            }
            catch (ArgumentException e)
            {
                Assert.StartsWith("ChatOptions.ResponseFormat schema at $", e.Message, StringComparison.Ordinal);
            }
        }

        Assert.InRange(fitted, 1, 1999);
    }

    private static void AssertSubset(JsonNode? node, string input)
    {
        if (node is not JsonObject schema)
        {
            Assert.Fail($"a subschema is not an object for {input}");
            return;
        }

        foreach (KeyValuePair<string, JsonNode?> pair in schema)
        {
            Assert.True(ClovaRuleBook.SchemaKeywords.Contains(pair.Key), $"'{pair.Key}' left in {schema.ToJsonString()} from {input}");
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (KeyValuePair<string, JsonNode?> property in properties)
            {
                AssertSubset(property.Value, input);
            }
        }

        if (schema["items"] is { } items)
        {
            AssertSubset(items, input);
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            foreach (JsonNode? option in anyOf)
            {
                AssertSubset(option, input);
            }
        }
    }

    private static JsonNode RandomSchema(Random random, int depth)
    {
        if (depth > 3 || random.Next(6) == 0)
        {
            return random.Next(4) switch
            {
                0 => JsonValue.Create(random.Next(2) == 0),
                1 => new JsonObject { ["type"] = "string" },
                2 => new JsonArray(new JsonObject()),
                _ => JsonValue.Create(7),
            };
        }

        var schema = new JsonObject();
        int count = random.Next(1, 5);
        for (int k = 0; k < count; k++)
        {
            string keyword = Keywords[random.Next(Keywords.Length)];
            schema[keyword] = keyword switch
            {
                "type" => random.Next(2) == 0 ? "object" : new JsonArray("string", "null", random.Next(2) == 0 ? "integer" : "null"),
                "properties" or "$defs" => new JsonObject { ["a"] = RandomSchema(random, depth + 1), ["additionalProperties"] = RandomSchema(random, depth + 1) },
                "anyOf" or "oneOf" or "allOf" => random.Next(5) == 0 ? JsonValue.Create("x") : new JsonArray(RandomSchema(random, depth + 1), RandomSchema(random, depth + 1)),
                "$ref" => random.Next(4) switch { 0 => "#", 1 => "#/$defs/a", 2 => "#/properties/a", _ => "http://elsewhere/x" },
                "const" => random.Next(2) == 0 ? JsonValue.Create(1) : null,
                "enum" => new JsonArray(1, "b", null),
                "required" => new JsonArray("a"),
                _ => RandomSchema(random, depth + 1),
            };
        }

        return schema;
    }
}
