using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Clova.Emulator;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Function calling over real HTTP and on the wire, including the full manual tool loop.</summary>
public sealed class FunctionCallingTests
{
    private static readonly AIFunction Weather = AIFunctionFactory.Create(
        ([Description("The city")] string city) => $"{city}: 맑음, 23°C",
        "get_weather",
        "Gets the current weather for a city");

    private static readonly AIFunction Time = AIFunctionFactory.Create(
        (string zone) => "12:00",
        "get_time",
        "Tells the local time in a time zone");

    [Fact]
    public async Task A_matching_tool_comes_back_as_one_function_call_with_the_providers_id_and_parsed_arguments()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat(ClovaModels.Hcx005).GetResponseAsync("What is the weather in Seoul?", new ChatOptions { Tools = [Weather, Time] });

        FunctionCallContent call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.StartsWith("call_", call.CallId, StringComparison.Ordinal);
        Assert.Equal("Seoul", call.Arguments!["city"]?.ToString());
        Assert.Null(call.Exception);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        JsonNode sentCall = JsonNode.Parse(session.Emulator.LastRequest!.Body)!;
        Assert.Equal(1024, (int)sentCall["maxTokens"]!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_full_tool_loop_works_with_messages_shaped_as_FunctionInvokingChatClient_shapes_them(bool streaming)
    {
        await using var session = await EmulatorSession.StartAsync();
        IChatClient chat = session.Chat(ClovaModels.HcxDash002);
        var options = new ChatOptions { Tools = [Weather, Time] };
        List<ChatMessage> history = [new(ChatRole.User, "weather in Busan?")];

        ChatResponse first = await chat.ReplyAsync(history, options, streaming);
        var calls = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        history.AddRange(first.Messages);
        var results = new List<AIContent>();
        foreach (FunctionCallContent call in calls)
        {
            object? value = await Weather.InvokeAsync(new AIFunctionArguments(call.Arguments));
            results.Add(new FunctionResultContent(call.CallId, value));
        }

        history.Add(new ChatMessage(ChatRole.Tool, results));
        ChatResponse final = await chat.ReplyAsync(history, options, streaming);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        Assert.Single(calls);
        Assert.Equal("도구 결과를 받았습니다: Busan: 맑음, 23°C", final.Text);
        Assert.Equal(ChatFinishReason.Stop, final.FinishReason);
        JsonArray sent = JsonNode.Parse(session.Emulator.LastRequest!.Body)!["messages"]!.AsArray();
        JsonNode assistant = sent[1]!;
        Assert.Equal("assistant", (string)assistant["role"]!);
        Assert.Equal("", (string)assistant["content"]!);
        Assert.Equal(calls[0].CallId, (string)assistant["toolCalls"]![0]!["id"]!);
        Assert.Equal(JsonValueKind.Object, assistant["toolCalls"]![0]!["function"]!["arguments"]!.GetValueKind());
        Assert.Equal("tool", (string)sent[2]!["role"]!);
        Assert.Equal(calls[0].CallId, (string)sent[2]!["toolCallId"]!);
        Assert.Equal("Busan: 맑음, 23°C", (string)sent[2]!["content"]!);
    }

    [Fact]
    public async Task A_streamed_tool_call_is_emitted_exactly_once_complete_with_its_real_id()
    {
        await using var session = await EmulatorSession.StartAsync();

        List<ChatResponseUpdate> updates = await session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("weather in Jeju please", new ChatOptions { Tools = [Weather] }).CollectAsync();

        FunctionCallContent call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.StartsWith("call_", call.CallId, StringComparison.Ordinal);
        Assert.Equal("Jeju", call.Arguments!["city"]?.ToString());
        Assert.Equal("", string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
        Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
    }

    [Fact]
    public async Task When_the_result_event_lacks_the_calls_they_are_rebuilt_from_the_streamed_fragments()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(EmulatorScript.RawStream(
            Sse.Event("token", """{"message":{"role":"assistant","content":"","toolCalls":[{"id":"call_abc","type":"function","function":{"name":"get_weather"}}]}}""") +
            Sse.Event("token", """{"message":{"role":"assistant","content":"","toolCalls":[{"function":{"partialJson":"{\"city\":"}}]}}""") +
            Sse.Event("token", """{"message":{"role":"assistant","content":"","toolCalls":[{"function":{"partialJson":"\"서울\"}"}}]}}""") +
            Sse.Event("result", """{"message":{"role":"assistant","content":""},"finishReason":"tool_calls"}""")));

        ChatResponse rebuilt = await session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("weather", new ChatOptions { Tools = [Weather] }).ToChatResponseAsync();

        FunctionCallContent call = Assert.Single(rebuilt.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal("call_abc", call.CallId);
        Assert.Equal("서울", call.Arguments!["city"]?.ToString());
    }

    [Theory]
    [InlineData("\"not json at all\"")]
    [InlineData("[1,2]")]
    public async Task Malformed_arguments_set_the_calls_Exception_instead_of_failing_the_reply(string arguments)
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(EmulatorScript.Raw(200, ClovaBody.Ok(
            $$$"""{"message":{"role":"assistant","content":"","toolCalls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":{{{arguments}}}}}]},"finishReason":"tool_calls"}""")));

        ChatResponse response = await session.Chat(ClovaModels.Hcx005).GetResponseAsync("weather", new ChatOptions { Tools = [Weather] });

        FunctionCallContent call = Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
        Assert.Equal("call_1", call.CallId);
        Assert.NotNull(call.Exception);
    }

    [Fact]
    public async Task Arguments_sent_as_a_JSON_string_by_a_lenient_server_are_still_parsed()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(EmulatorScript.Raw(200, ClovaBody.Ok(
            """{"message":{"role":"assistant","content":"","toolCalls":[{"id":"call_s","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Ulsan\"}"}}]},"finishReason":"tool_calls"}""")));

        ChatResponse response = await session.Chat(ClovaModels.Hcx005).GetResponseAsync("weather", new ChatOptions { Tools = [Weather] });

        Assert.Equal("Ulsan", response.Messages[0].Contents.OfType<FunctionCallContent>().Single().Arguments!["city"]?.ToString());
    }

    [Fact]
    public async Task Tools_on_HCX_007_turn_thinking_off_and_default_maxCompletionTokens_to_1024()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat(ClovaModels.Hcx007).GetResponseAsync("weather in Seoul", new ChatOptions { Tools = [Weather] });

        JsonNode sent = JsonNode.Parse(session.Emulator.LastRequest!.Body)!;
        Assert.Equal("none", (string)sent["thinking"]!["effort"]!);
        Assert.Equal(1024, (int)sent["maxCompletionTokens"]!);
        Assert.Single(response.Messages[0].Contents.OfType<FunctionCallContent>());
    }

    [Fact]
    public async Task Tools_with_explicit_reasoning_on_HCX_007_are_refused_before_sending_saying_why()
    {
        var options = new ChatOptions { Tools = [Weather], Reasoning = new() { Effort = ReasoningEffort.High } };

        var error = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx007).GetResponseAsync("q", options));

        Assert.Contains("calls functions only with thinking off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_limit_below_1024_with_tools_is_refused_naming_the_minimum()
    {
        var error = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { Tools = [Weather], MaxOutputTokens = 500 }));

        Assert.Contains("at least 1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_are_refused_for_models_without_function_calling()
    {
        var overV3 = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx003, ClovaApiVersion.V3).GetResponseAsync("q", new ChatOptions { Tools = [Weather] }));
        var overV1 = await Refusal.BeforeSendingAsync(client => client.GetChatClient(ClovaModels.Hcx003).GetResponseAsync("q", new ChatOptions { Tools = [Weather] }));

        Assert.Contains("HCX-003 does not support function calling", overV3.Message, StringComparison.Ordinal);
        Assert.Contains("v1 chat API (HCX-003) has no function calling", overV1.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_schemas_keep_only_the_documented_subset_so_keywords_other_libraries_add_never_reach_CLOVA()
    {
        // Shaped like a Semantic Kernel plugin parameter list: a non-standard keyword on every parameter, plus
        // annotations and constraints outside CLOVA's documented subset.
        AIFunctionDeclaration declaration = AIFunctionFactory.CreateDeclaration(
            "lookup",
            "Looks things up",
            JsonDocument.Parse("""
                {"type":"object","title":"Args","x-sk-parameter":true,
                 "properties":{"city":{"type":"string","description":"도시","default":"서울","pattern":"^.+$","minLength":1,"x-sk-parameter":true},
                               "days":{"type":"integer","minimum":1,"maximum":7,"examples":[3]},
                               "kind":{"enum":["a","b"],"$comment":"c"}},
                 "required":["city"]}
                """).RootElement);

        JsonNode tool = await SendToolAsync(declaration, ClovaModels.HcxDash002);

        Assert.Equal(
            """{"type":"object","properties":{"city":{"type":"string","description":"도시"},"days":{"type":"integer","minimum":1,"maximum":7},"kind":{"enum":["a","b"]}},"required":["city"]}""",
            tool["function"]!["parameters"]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Theory]
    [InlineData(
        """{"type":"object","properties":{"a":{"$ref":"#/$defs/X","description":"d"}},"$defs":{"X":{"type":"string","enum":["p","q"]}}}""",
        """{"type":"object","properties":{"a":{"type":"string","enum":["p","q"],"description":"d"}}}""")]
    [InlineData(
        """{"type":"object","properties":{"b":{"oneOf":[{"type":"string"},{"type":"integer","const":3}]}}}""",
        """{"type":"object","properties":{"b":{"anyOf":[{"type":"string"},{"type":"integer","enum":[3]}]}}}""")]
    [InlineData(
        """{"type":"object","properties":{"n":{"type":"object","properties":{"children":{"type":["array","null"],"items":{"$ref":"#/properties/n"}}}}}}""",
        """{"type":"object","properties":{"n":{"type":"object","properties":{"children":{"type":"array","items":{"type":"object","properties":{"children":{"type":"array","items":{}}}}}}}}}""")]
    [InlineData(
        """{"type":"object","properties":{"t":{"type":"array","items":[{"type":"string"}]},"yes":true,"no":false}}""",
        """{"type":"object","properties":{"t":{"type":"array"},"yes":{},"no":{}}}""")]
    public async Task Tool_schemas_outside_the_subset_are_expressed_in_it_where_they_can_be_never_refused(string schema, string expected)
    {
        JsonNode tool = await SendToolAsync(AIFunctionFactory.CreateDeclaration("f", "d", JsonDocument.Parse(schema).RootElement));

        Assert.Equal(expected, tool["function"]!["parameters"]!.ToJsonString());
    }

    [Fact]
    public async Task A_self_referencing_tool_schema_is_inlined_a_bounded_number_of_times()
    {
        // Each definition refers to the next twice: inlined naively this would be 2^40 copies.
        var defs = new JsonObject();
        for (int i = 0; i < 40; i++)
        {
            defs[$"D{i}"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["l"] = new JsonObject { ["$ref"] = $"#/$defs/D{i + 1}" }, ["r"] = new JsonObject { ["$ref"] = $"#/$defs/D{i + 1}" } } };
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["root"] = new JsonObject { ["$ref"] = "#/$defs/D0" } }, ["$defs"] = defs };
        AIFunctionDeclaration declaration = AIFunctionFactory.CreateDeclaration("f", "d", JsonSerializer.SerializeToElement(schema));

        string sent = (await SendToolAsync(declaration)).ToJsonString();

        Assert.InRange(sent.Length, 100, 200_000);
        Assert.DoesNotContain("$ref", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_schemas_lose_dollar_schema_and_additionalProperties_but_keep_a_property_of_that_name()
    {
        AIFunctionDeclaration declaration = AIFunctionFactory.CreateDeclaration(
            "configure",
            "Configures things",
            JsonDocument.Parse("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","additionalProperties":false,
                 "properties":{"additionalProperties":{"type":"object","additionalProperties":false,"properties":{"x":{"type":"integer"}}},
                               "tags":{"type":"array","items":{"type":"object","additionalProperties":false}}},
                 "required":["additionalProperties"]}
                """).RootElement);

        JsonNode tool = await SendToolAsync(declaration);
        Assert.Equal(
            """{"type":"function","function":{"name":"configure","description":"Configures things","parameters":{"type":"object","properties":{"additionalProperties":{"type":"object","properties":{"x":{"type":"integer"}}},"tags":{"type":"array","items":{"type":"object"}}},"required":["additionalProperties"]}}}""",
            tool.ToJsonString());
    }

    [Fact]
    public async Task A_function_from_AIFunctionFactory_is_sent_with_its_name_description_and_parameter_schema()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { Tools = [Weather] });

        JsonNode function = JsonNode.Parse(handler.LastBody)!["tools"]![0]!["function"]!;
        Assert.Equal("get_weather", (string)function["name"]!);
        Assert.Equal("Gets the current weather for a city", (string)function["description"]!);
        Assert.Equal("string", (string)function["parameters"]!["properties"]!["city"]!["type"]!);
        Assert.Equal("The city", (string)function["parameters"]!["properties"]!["city"]!["description"]!);
        Assert.DoesNotContain("$schema", handler.LastBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", "\"auto\"")]
    [InlineData("none", "\"none\"")]
    [InlineData("specific", """{"type":"function","function":{"name":"get_time"}}""")]
    [InlineData("any-single", """{"type":"function","function":{"name":"get_weather"}}""")]
    public async Task ToolMode_maps_to_CLOVAs_toolChoice(string mode, string expected)
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        (ChatToolMode toolMode, IList<AITool> tools) = mode switch
        {
            "auto" => (ChatToolMode.Auto, [Weather, Time]),
            "none" => (ChatToolMode.None, [Weather, Time]),
            "specific" => (ChatToolMode.RequireSpecific("get_time"), [Weather, Time]),
            _ => ((ChatToolMode, IList<AITool>))(ChatToolMode.RequireAny, [Weather]),
        };

        await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { Tools = tools, ToolMode = toolMode });

        Assert.Equal(expected, JsonNode.Parse(handler.LastBody)!["toolChoice"]!.ToJsonString());
    }

    [Fact]
    public async Task RequireAny_with_several_tools_is_refused_because_CLOVA_has_no_any_tool_choice()
    {
        var error = await Refusal.BeforeSendingAsync(client =>
            client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { Tools = [Weather, Time], ToolMode = ChatToolMode.RequireAny }));

        Assert.Contains("RequireAny has no CLOVA equivalent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forced_function_is_called_even_when_the_question_does_not_mention_it()
    {
        await using var session = await EmulatorSession.StartAsync();

        ChatResponse response = await session.Chat(ClovaModels.Hcx005).GetResponseAsync("zone=Asia/Seoul", new ChatOptions { Tools = [Weather, Time], ToolMode = ChatToolMode.RequireSpecific("get_time") });

        FunctionCallContent call = response.Messages[0].Contents.OfType<FunctionCallContent>().Single();
        Assert.Equal("get_time", call.Name);
        Assert.Equal("Asia/Seoul", call.Arguments!["zone"]?.ToString());
    }

    [Fact]
    public async Task Several_results_in_one_tool_message_become_one_CLOVA_tool_message_each_with_non_strings_as_JSON()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        ChatMessage[] history =
        [
            new(ChatRole.User, "q"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "서울" }), new FunctionCallContent("call_2", "get_time", new Dictionary<string, object?> { ["zone"] = "KST", ["n"] = 2 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", "맑음"), new FunctionResultContent("call_2", new Dictionary<string, object?> { ["hour"] = 12 })]),
            new(ChatRole.Assistant, [new FunctionCallContent("call_3", "get_weather", new Dictionary<string, object?> { ["city"] = "부산" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_3", JsonDocument.Parse("{\n  \"sky\": \"흐림\"\n}").RootElement)]),
        ];

        await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync(history, new ChatOptions { Tools = [Weather, Time] });

        Assert.Equal(
            """[{"role":"user","content":"q"},{"role":"assistant","content":"","toolCalls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":{"city":"서울"}}},{"id":"call_2","type":"function","function":{"name":"get_time","arguments":{"zone":"KST","n":2}}}]},{"role":"tool","content":"맑음","toolCallId":"call_1"},{"role":"tool","content":"{\"hour\":12}","toolCallId":"call_2"},{"role":"assistant","content":"","toolCalls":[{"id":"call_3","type":"function","function":{"name":"get_weather","arguments":{"city":"부산"}}}]},{"role":"tool","content":"{\"sky\":\"흐림\"}","toolCallId":"call_3"}]""",
            JsonNode.Parse(handler.LastBody)!["messages"]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task A_function_call_in_a_user_message_is_refused_naming_the_message()
    {
        var error = await Refusal.BeforeSendingAsync(client =>
            client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync([new ChatMessage(ChatRole.User, [new FunctionCallContent("c", "f")])]));

        Assert.Contains("Chat message 0 holds function calls", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Sends one call with <paramref name="declaration"/> as its only tool and returns the tool as it went on the wire.</summary>
    private static async Task<JsonNode> SendToolAsync(AIFunctionDeclaration declaration, string model = ClovaModels.Hcx005)
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        await client.GetChatClient(model).GetResponseAsync("q", new ChatOptions { Tools = [declaration] });
        return JsonNode.Parse(handler.LastBody)!["tools"]![0]!;
    }

    [Fact]
    public async Task A_Korean_question_reaches_an_English_described_tool_and_an_assistant_last_turn_calls_nothing()
    {
        await using var session = await EmulatorSession.StartAsync();
        IChatClient chat = session.Chat(ClovaModels.Hcx005);

        ChatResponse asked = await chat.GetResponseAsync("부산 날씨 알려줘", new ChatOptions { Tools = [Weather] });
        ChatResponse after = await chat.GetResponseAsync([new(ChatRole.User, "부산 날씨 알려줘"), new(ChatRole.Assistant, "잠시만요")], new ChatOptions { Tools = [Weather] });

        FunctionCallContent call = Assert.Single(asked.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("부산", call.Arguments!["city"]?.ToString());
        Assert.Empty(after.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
    }
}
