using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Clova.Emulator.Protocol;
using Clova.Emulator.Tests.Infrastructure;

namespace Clova.Emulator.Tests;

/// <summary>
/// The emulator enforces the documented rules on its own, checked with a bare <see cref="HttpClient"/> so no
/// client-library code is involved.
/// </summary>
public sealed class EmulatorProtocolTests : EmulatorTestBase
{
    [Fact]
    public async Task The_seed_documents_own_request_is_accepted_including_its_empty_stop_array_with_thinking()
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync("HCX-007", Payload.Read("v3-thinking-request.ja.json"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("20000", body.GetProperty("status").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("result").GetProperty("message").GetProperty("thinkingContent").GetString()));
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"system","content":"a"},{"role":"system","content":"b"},{"role":"user","content":"q"}]}""", "40001")]
    [InlineData("""{"messages":[{"role":"assistant","content":"a","thinkingContent":"t"},{"role":"user","content":"q"}]}""", "40001")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"stop":["x"]}""", "40001")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"stop":["x"],"thinking":{"effort":"high"}}""", "40001")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"maxTokens":100}""", "40002")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"maxCompletionTokens":32769}""", "40001")]
    [InlineData("""{"messages":[{"role":"user","content":null}]}""", "40001")]
    [InlineData("""{"messages":[]}""", "40001")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"stream":true}""", "40002")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"temperature":1.5}""", "40001")]
    [InlineData("""{"messages":[{"role":"user","content":"q"}],"thinking":{"effort":"max"}}""", "40001")]
    [InlineData("not json", "40000")]
    public async Task Documented_violations_on_HCX_007_get_their_documented_code(string request, string code)
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync("HCX-007", request);

        Assert.Equal(code, body.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal((HttpStatusCode)int.Parse(code[..3]), status);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("result").ValueKind);
    }

    [Theory]
    [InlineData("HCX-005", """{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"","toolCalls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","toolCallId":"c1","content":"r"}]}""", "40001")]
    [InlineData("HCX-005", """{"messages":[{"role":"user","content":"q"},{"role":"tool","toolCallId":"nope","content":"r"}]}""", "40001")]
    [InlineData("HCX-005", """{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","additionalProperties":false}}}]}""", "40009")]
    [InlineData("HCX-003", """{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"f"}}]}""", "40009")]
    [InlineData("HCX-007", """{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"f"}}],"maxCompletionTokens":2048}""", "40001")]
    [InlineData("HCX-005", """{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"f"}}],"maxTokens":512}""", "40001")]
    [InlineData("HCX-005", """{"messages":[{"role":"user","content":"q"}],"tools":[{"type":"function","function":{"name":"f"}}],"toolChoice":"required"}""", "40001")]
    [InlineData("HCX-007", """{"messages":[{"role":"user","content":"q"}],"thinking":{"effort":"none"},"responseFormat":{"type":"json","schema":{"type":"object","properties":{"a":{"type":"string","pattern":"x"}}}}}""", "40055")]
    [InlineData("HCX-007", """{"messages":[{"role":"user","content":"q"}],"responseFormat":{"type":"json","schema":{"type":"object"}}}""", "40001")]
    [InlineData("HCX-005", """{"messages":[{"role":"user","content":"q"}],"responseFormat":{"type":"json","schema":{"type":"object"}}}""", "40002")]
    [InlineData("HCX-007", """{"messages":[{"role":"user","content":[{"type":"image_url","imageUrl":{"url":"https://x/y.png"}}]}]}""", "40009")]
    [InlineData("HCX-005", """{"messages":[{"role":"user","content":[{"type":"image_url","imageUrl":{"url":"https://x/a.png"}},{"type":"image_url","imageUrl":{"url":"https://x/b.png"}}]}]}""", "40003")]
    [InlineData("HCX-005", """{"messages":[{"role":"user","content":[{"type":"image_url","dataUri":{"data":"%%%"}}]}]}""", "40060")]
    [InlineData("HCX-005", """{"messages":[{"role":"user","content":[{"type":"image_url","dataUri":{"data":"R0lGODlhAQABAAAAACw="}}]}]}""", "40000")]
    public async Task Tool_format_and_image_violations_get_their_documented_code(string model, string request, string code)
    {
        (HttpStatusCode status, JsonElement body) = await PostAsync(model, request);

        Assert.Equal(code, body.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal((HttpStatusCode)int.Parse(code[..3]), status);
    }

    [Fact]
    public async Task A_structured_output_answer_is_JSON_that_follows_the_schema()
    {
        (_, JsonElement body) = await PostAsync("HCX-007", """{"messages":[{"role":"user","content":"name=Kim"}],"thinking":{"effort":"none"},"responseFormat":{"type":"json","schema":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":20},"tags":{"type":"array","items":{"enum":["a","b"]},"minItems":2}},"required":["name","age","tags"]}}}""");

        string content = body.GetProperty("result").GetProperty("message").GetProperty("content").GetString()!;
        Assert.Equal("""{"name":"Kim","age":30,"tags":["a","a"]}""", content);
    }

    [Fact]
    public async Task Stop_without_thinking_is_accepted_on_HCX_007_when_effort_is_none()
    {
        (HttpStatusCode status, _) = await PostAsync("HCX-007", """{"messages":[{"role":"user","content":"q"}],"stop":["x"],"thinking":{"effort":"none"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Thinking_sent_to_a_model_that_does_not_reason_is_an_unsupported_parameter()
    {
        (_, JsonElement body) = await PostAsync("HCX-005", """{"messages":[{"role":"user","content":"q"}],"thinking":{"effort":"low"}}""");

        Assert.Equal("40002", body.GetProperty("status").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(null, "40100")]
    [InlineData("Bearer sk-openai-style", "40104")]
    [InlineData("Basic abc", "40100")]
    public async Task Requests_without_a_valid_key_are_401_with_a_40100_range_code(string? authorization, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.BaseUri, "v3/chat-completions/HCX-005"))
        {
            Content = new StringContent("""{"messages":[{"role":"user","content":"q"}]}""", Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using HttpResponseMessage response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains($"\"code\":\"{code}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_sends_token_events_then_one_result_whose_text_the_tokens_spell_exactly()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.BaseUri, "v3/chat-completions/HCX-007"))
        {
            Content = new StringContent("""{"messages":[{"role":"user","content":"스트림 test"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Bearer);
        request.Headers.Accept.ParseAdd("text/event-stream");

        using HttpResponseMessage response = await Http.SendAsync(request);
        string sse = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        string[] blocks = sse.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var content = new StringBuilder();
        var thinking = new StringBuilder();
        JsonElement result = default;
        foreach (string block in blocks)
        {
            string[] lines = block.Split('\n');
            Assert.StartsWith("id: ", lines[0], StringComparison.Ordinal);
            string name = lines[1]["event: ".Length..];
            JsonElement data = JsonDocument.Parse(lines[2]["data: ".Length..]).RootElement;
            if (name == "token")
            {
                JsonElement message = data.GetProperty("message");
                content.Append(message.TryGetProperty("content", out JsonElement c) ? c.GetString() : "");
                thinking.Append(message.TryGetProperty("thinkingContent", out JsonElement t) ? t.GetString() : "");
            }
            else
            {
                Assert.Equal("result", name);
                result = data;
            }
        }

        Assert.Equal("result", blocks[^1].Split('\n')[1]["event: ".Length..]);
        Assert.Equal(result.GetProperty("message").GetProperty("content").GetString(), content.ToString());
        Assert.Equal(result.GetProperty("message").GetProperty("thinkingContent").GetString(), thinking.ToString());
        Assert.Equal(EmulatorTokenizer.Count(thinking.ToString()), result.GetProperty("usage").GetProperty("completionTokensDetails").GetProperty("thinkingTokens").GetInt32());
    }

    [Fact]
    public void The_token_rule_splits_text_into_pieces_that_join_back_exactly()
    {
        const string text = "  안녕 hello42, world!  😀 ";

        List<string> tokens = EmulatorTokenizer.Split(text);

        Assert.Equal(text, string.Concat(tokens));
        Assert.Equal(["  안", "녕", " hello42", ",", " world", "!", "  😀", " "], tokens);
    }

    [Fact]
    public async Task Unknown_paths_answer_404_with_a_CLOVA_envelope()
    {
        using HttpResponseMessage response = await Http.PostAsync(new Uri(Emulator.BaseUri, "v9/nothing"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("40400", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1/chat-completions/HCX-003", """{"messages":[{"role":"user","content":"q"}],"stop":["x"]}""", "40002")]
    [InlineData("v1/chat-completions/HCX-003", """{"messages":[{"role":"user","content":"q"}],"repetitionPenalty":1.1}""", "40002")]
    [InlineData("v1/chat-completions/HCX-003", """{"messages":[{"role":"user","content":"q"}],"repeatPenalty":11}""", "40001")]
    [InlineData("v1/chat-completions/HCX-003", """{"messages":[{"role":"user","content":[{"type":"text","text":"q"}]}]}""", "40001")]
    [InlineData("v1/chat-completions/HCX-007", """{"messages":[{"role":"user","content":"q"}]}""", "40084")]
    [InlineData("v1/chat-completions/HCX-003", """{"messages":[{"role":"user","content":"q","name":"kim"}]}""", "40002")]
    [InlineData("v1/api-tools/sliding/chat-messages/HCX-003", """{"maxTokens":100,"messages":[{"role":"tool","content":"q"}]}""", "40001")]
    [InlineData("v1/api-tools/sliding/chat-messages/HCX-003", """{"maxTokens":100,"messages":[{"role":"user","content":"q","toolCallId":"c"}]}""", "40002")]
    [InlineData("v1/completions/LK-D2", """{"text":""}""", "40004")]
    [InlineData("v1/completions/LK-D2", """{"text":"q","prompt":"x"}""", "40002")]
    [InlineData("v1/completions/HCX-003", """{"text":"q"}""", "40084")]
    [InlineData("v3/tasks/unknown/chat-completions", """{"messages":[{"role":"user","content":"q"}]}""", "40400")]
    [InlineData("v3/tasks/tuned-hcx003-demo/chat-completions", """{"messages":[{"role":"user","content":"q"}],"thinking":{"effort":"low"}}""", "40002")]
    public async Task Legacy_routes_enforce_their_own_field_names_and_models(string path, string request, string code)
    {
        (HttpStatusCode status, JsonElement body) = await PostPathAsync(path, request);

        Assert.Equal(code, body.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal((HttpStatusCode)int.Parse(code[..3]), status);
    }

    [Fact]
    public async Task A_v1_stream_carries_index_running_lengths_and_a_null_stopReason_on_every_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.BaseUri, "v1/chat-completions/HCX-003"))
        {
            Content = new StringContent("""{"messages":[{"role":"user","content":"a b"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Bearer);
        request.Headers.Accept.ParseAdd("text/event-stream");

        using HttpResponseMessage response = await Http.SendAsync(request);
        string[] blocks = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        JsonElement first = JsonDocument.Parse(blocks[0].Split('\n')[2]["data: ".Length..]).RootElement;
        JsonElement second = JsonDocument.Parse(blocks[1].Split('\n')[2]["data: ".Length..]).RootElement;
        JsonElement result = JsonDocument.Parse(blocks[^1].Split('\n')[2]["data: ".Length..]).RootElement;
        Assert.Equal((0, 1), (first.GetProperty("index").GetInt32(), first.GetProperty("outputLength").GetInt32()));
        Assert.Equal((1, 2), (second.GetProperty("index").GetInt32(), second.GetProperty("outputLength").GetInt32()));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("stopReason").ValueKind);
        Assert.Equal("END_TOKEN", result.GetProperty("stopReason").GetString());
        Assert.Equal(blocks.Length - 1, result.GetProperty("outputLength").GetInt32());
    }

    private Task<(HttpStatusCode, JsonElement)> PostAsync(string model, string body) => PostPathAsync($"v3/chat-completions/{model}", body);
}
