using System.Text.Json;
using System.Text.Json.Nodes;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Structured outputs (HCX-007): the typed GetResponseAsync&lt;T&gt; path, built by hand.</summary>
public sealed class StructuredOutputTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ForJsonSchema_of_T_round_trips_through_the_emulator_into_T(bool streaming)
    {
        await using var session = await EmulatorSession.StartAsync();
        IChatClient chat = session.Chat(ClovaModels.Hcx007);
        // What Microsoft.Extensions.AI's GetResponseAsync<T>() sends, built by hand (that package is not on our registry).
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema<WeatherReport>(Web) };

        ChatResponse response = await chat.ReplyAsync([new(ChatRole.User, "Seoul 날씨를 JSON으로")], options, streaming);
        WeatherReport report = JsonSerializer.Deserialize<WeatherReport>(response.Text, Web)!;

        Assert.Equal("Seoul", report.City);
        Assert.Equal(24, report.TemperatureCelsius);
        Assert.True(report.Sunny);
        Assert.Single(report.Tags);
        JsonNode sent = JsonNode.Parse(session.Emulator.LastRequest!.Body)!;
        Assert.Equal("json", (string)sent["responseFormat"]!["type"]!);
        Assert.Equal("none", (string)sent["thinking"]!["effort"]!);
        Assert.Equal("string", (string)sent["responseFormat"]!["schema"]!["properties"]!["note"]!["type"]!);
    }

    [Fact]
    public async Task The_schema_is_fitted_to_CLOVAs_subset_annotations_dropped_const_as_enum_and_nullable_types_narrowed()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer("{}"));
        using ClovaClient client = RecordingHandler.Client(handler);
        JsonElement schema = JsonDocument.Parse("""
            {"$schema":"x","title":"T","type":"object","additionalProperties":false,
             "properties":{"kind":{"const":"report","description":"fixed"},"when":{"type":"string","format":"date"},
                           "url":{"type":["string","null"],"format":"uri"},"n":{"type":["integer","string"]},
                           "pattern":{"type":"string","default":"x"}},
             "required":["kind"]}
            """).RootElement;

        await client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("q", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema) });

        Assert.Equal(
            """{"type":"object","properties":{"kind":{"description":"fixed","enum":["report"]},"when":{"type":"string","format":"date"},"url":{"type":"string"},"n":{"anyOf":[{"type":"integer"},{"type":"string"}]},"pattern":{"type":"string"}},"required":["kind"]}""",
            JsonNode.Parse(handler.LastBody)!["responseFormat"]!["schema"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"code":{"type":"string","pattern":"^[A-Z]+$"}}}""", "$.properties.code.pattern")]
    [InlineData("""{"type":"object","properties":{"a":{"oneOf":[{"type":"string"}]}}}""", "$.properties.a.oneOf")]
    [InlineData("""{"type":"object","properties":{"a":{"$ref":"#/$defs/x"}}}""", "$.properties.a.$ref")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array","items":[{"type":"string"}]}}}""", "$.properties.a.items: 'items' must be one schema object")]
    [InlineData("""{"type":"object","properties":{"a":{"anyOf":[1]}}}""", "$.properties.a.anyOf[0]: each 'anyOf' entry must be a schema object")]
    [InlineData("""{"type":"object","properties":{"a":true}}""", "$.properties.a: a property schema must be an object")]
    [InlineData("""{"type":"object","properties":{"a":{"type":["null"]}}}""", "$.properties.a.type: a schema that only allows null")]
    [InlineData("""[1]""", "$: the schema must be a JSON object")]
    public async Task Schema_features_outside_the_subset_are_refused_naming_the_keyword_and_where_it_stands(string schema, string path)
    {
        var error = await Refusal.BeforeSendingAsync(client =>
            client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("q", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse(schema).RootElement) }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JSON_without_a_schema_is_explained_not_silently_sent()
    {
        var error = await Refusal.BeforeSendingAsync(client =>
            client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("q", new ChatOptions { ResponseFormat = ChatResponseFormat.Json }));

        Assert.Contains("require one", error.Message, StringComparison.Ordinal);
        Assert.Contains("ForJsonSchema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Structured_outputs_are_refused_for_models_other_than_HCX_007_and_with_explicit_reasoning()
    {
        ChatResponseFormat format = ChatResponseFormat.ForJsonSchema<WeatherReport>(Web);

        var wrongModel = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { ResponseFormat = format }));
        var withReasoning = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("q", new ChatOptions { ResponseFormat = format, Reasoning = new() { Effort = ReasoningEffort.Low } }));

        Assert.Contains("HCX-005 does not support structured outputs", wrongModel.Message, StringComparison.Ordinal);
        Assert.Contains("only with thinking off", withReasoning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_response_format_sends_no_responseFormat()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer("{}"));
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("q", new ChatOptions { ResponseFormat = ChatResponseFormat.Text });

        Assert.DoesNotContain("responseFormat", handler.LastBody, StringComparison.Ordinal);
    }
}
