using System.Text.Json;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Issue 14: RAG reasoning as an <see cref="IChatClient"/> — request JSON, refusals, tool calls and citations.</summary>
public sealed class RagReasoningClientTests
{
    private static readonly AIFunction Search = AIFunctionFactory.Create((string query) => """{"search_result":[{"id":"doc-179","doc":"환불은 3영업일 안에 처리됩니다."}]}""", "search", "Searches the help centre");

    [Fact]
    public async Task The_request_is_v3_shaped_with_the_tool_and_goes_to_the_rag_reasoning_path()
    {
        var handler = new RecordingHandler(ClovaBody.Ok("""{"message":{"role":"assistant","content":"","toolCalls":[{"id":"call_rag_1","type":"function","function":{"name":"search","arguments":{"query":"환불"}}}]},"usage":{"promptTokens":50,"completionTokens":10,"totalTokens":60}}"""));
        using ClovaClient client = RecordingHandler.Client(handler);

        ChatResponse response = await client.GetRagReasoningClient().GetResponseAsync("환불은 언제 되나요?", new ChatOptions { Tools = [Search], Temperature = 0.2f });

        Assert.Equal("/v1/api-tools/rag-reasoning", handler.LastRequest.RequestUri!.AbsolutePath);
        using JsonDocument body = JsonDocument.Parse(handler.LastBody);
        Assert.Equal("""[{"role":"user","content":"환불은 언제 되나요?"}]""", body.RootElement.GetProperty("messages").GetRawText());
        Assert.Equal("search", body.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(0.2, body.RootElement.GetProperty("temperature").GetDouble(), 3);
        Assert.False(body.RootElement.TryGetProperty("thinking", out _));
        Assert.False(body.RootElement.TryGetProperty("maxCompletionTokens", out _));
        FunctionCallContent call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_rag_1", call.CallId);
        Assert.Equal("환불", call.Arguments!["query"]?.ToString());
        Assert.Equal(60, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task The_final_answer_keeps_its_citation_tags_and_offers_the_cited_ids_parsed()
    {
        var handler = new RecordingHandler(ClovaBody.Ok("""{"message":{"role":"assistant","content":"답변: <doc-179>3영업일 안에</doc-179> 처리되며 <doc-2>앱에서</doc-2> 신청합니다. <doc-179>다시</doc-179>"},"usage":{"promptTokens":80,"completionTokens":20,"totalTokens":100}}"""));
        using ClovaClient client = RecordingHandler.Client(handler);
        List<ChatMessage> history =
        [
            new(ChatRole.User, "환불은 언제 되나요?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_rag_1", "search", new Dictionary<string, object?> { ["query"] = "환불" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_rag_1", """{"search_result":[{"id":"doc-179","doc":"환불은 3영업일 안에 처리됩니다."}]}""")]),
        ];

        ChatResponse response = await client.GetRagReasoningClient().GetResponseAsync(history, new ChatOptions { Tools = [Search] });

        Assert.Equal("답변: <doc-179>3영업일 안에</doc-179> 처리되며 <doc-2>앱에서</doc-2> 신청합니다. <doc-179>다시</doc-179>", response.Text);
        Assert.Equal(["doc-179", "doc-2"], (IReadOnlyList<string>)response.AdditionalProperties![ClovaPropertyNames.CitedIds]!);
        using JsonDocument body = JsonDocument.Parse(handler.LastBody);
        JsonElement tool = body.RootElement.GetProperty("messages")[2];
        Assert.Equal("tool", tool.GetProperty("role").GetString());
        Assert.Equal("call_rag_1", tool.GetProperty("toolCallId").GetString());
    }

    [Fact]
    public async Task Streaming_delivers_the_whole_answer_as_updates_of_one_response()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok("""{"message":{"role":"assistant","content":"답변: <d1>네</d1>"},"usage":{"promptTokens":1,"completionTokens":1,"totalTokens":2}}""")));

        ChatResponse response = await client.GetRagReasoningClient().GetStreamingResponseAsync("q", new ChatOptions { Tools = [Search] }).ToChatResponseAsync();

        Assert.Equal("답변: <d1>네</d1>", response.Text);
        Assert.Equal(2, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task Without_tools_no_request_is_sent_and_the_refusal_says_tools_are_required()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetRagReasoningClient().GetResponseAsync("q"));

        Assert.Contains("RAG reasoning needs ChatOptions.Tools", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    public static TheoryData<ChatOptions, string> Refusals => new()
    {
        { new ChatOptions { Tools = [Search], MaxOutputTokens = 512 }, "maxTokens" },
        { new ChatOptions { Tools = [Search], MaxOutputTokens = 4096 }, "maxTokens" },
        { new ChatOptions { Tools = [Search], ModelId = "HCX-007" }, "one fixed model" },
        { new ChatOptions { Tools = [Search], ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"}}}""").RootElement) }, "RAG reasoning API (rag-reasoning) has no" },
        { new ChatOptions { Tools = [Search], AdditionalProperties = new() { ["repeatPenalty"] = 2 } }, "takes \"repetitionPenalty\"" },
        { new ChatOptions { Tools = [Search], TopK = 129 }, "topK" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Options_outside_the_rag_reasoning_contract_are_refused_before_sending(ChatOptions options, string expected)
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GetRagReasoningClient().GetResponseAsync("q", options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_reasoning_effort_is_best_effort_and_dropped_as_for_other_models_without_thinking()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer("ok"));
        using ClovaClient client = RecordingHandler.Client(handler);

        await client.GetRagReasoningClient().GetResponseAsync("q", new ChatOptions { Tools = [Search], Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High } });

        Assert.DoesNotContain("thinking", handler.LastBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("답변: <a>x</a> <b>y</b> <a>z</a>", "a,b")]
    [InlineData("답변: <a>열린 태그만", "")]
    [InlineData("답변: </a> 닫힘이 먼저 <a>", "")]
    [InlineData("답변: <doc 1>공백</doc 1>", "")]
    [InlineData("답변: 1 < 2 and 3 > 2 </x>", "")]
    [InlineData("<outer><inner>중첩</inner></outer>", "outer,inner")]
    public async Task Cited_ids_come_only_from_tags_that_open_and_close(string content, string expected)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.ChatAnswer(content)));

        ChatResponse response = await client.GetRagReasoningClient().GetResponseAsync("q", new ChatOptions { Tools = [Search] });

        object? cited = response.AdditionalProperties?.GetValueOrDefault(ClovaPropertyNames.CitedIds);
        Assert.Equal(expected, cited is IReadOnlyList<string> ids ? string.Join(",", ids) : "");
    }

    [Fact]
    public async Task A_megabyte_of_unclosed_tags_is_read_in_linear_time_without_a_regex_timeout()
    {
        string hostile = string.Concat(Enumerable.Repeat("<a>", 350_000)) + "</b>";
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.ChatAnswer(hostile)));

        ChatResponse response = await client.GetRagReasoningClient().GetResponseAsync("q", new ChatOptions { Tools = [Search] });

        Assert.Equal(hostile, response.Text);
        Assert.Null(response.AdditionalProperties?.GetValueOrDefault(ClovaPropertyNames.CitedIds));
    }

    [Fact]
    public async Task Streaming_sends_the_request_prepared_at_the_call_enumerating_the_messages_once()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer("답변"));
        using ClovaClient client = RecordingHandler.Client(handler);
        int enumerations = 0;
        IEnumerable<ChatMessage> Once()
        {
            enumerations++;
            yield return new ChatMessage(ChatRole.User, "q");
        }

        ChatResponse response = await client.GetRagReasoningClient().GetStreamingResponseAsync(Once(), new ChatOptions { Tools = [Search] }).ToChatResponseAsync();

        Assert.Equal("답변", response.Text);
        Assert.Equal(1, enumerations);
        Assert.Single(handler.Requests);
    }
}
