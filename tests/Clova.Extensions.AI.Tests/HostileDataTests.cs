using System.Net;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Issue 12: invalid service data and careless ids become clear exceptions, never crashes or wrong figures.</summary>
public sealed class HostileDataTests
{
    [Theory]
    [InlineData(999_999_999_999L)]
    [InlineData(253_402_300_800L)]
    [InlineData(999_999_999_999_999L)]
    public async Task A_created_time_no_date_can_have_leaves_CreatedAt_unset_instead_of_failing(long created)
    {
        string body = ClovaBody.Ok($$"""{"message":{"role":"assistant","content":"ok"},"finishReason":"stop","created":{{created}}}""");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(body));

        ChatResponse response = await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q");

        Assert.Equal("ok", response.Text);
        Assert.Null(response.CreatedAt);
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("1e400")]
    [InlineData("-1e300")]
    public async Task A_created_time_written_as_an_impossible_number_leaves_CreatedAt_unset_streaming_and_not(string created)
    {
        string result = $$"""{"message":{"role":"assistant","content":"ok"},"finishReason":"stop","created":{{created}}}""";
        using ClovaClient json = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));
        using ClovaClient streaming = RecordingHandler.Client(new RecordingHandler(Sse.Event("result", result), "text/event-stream"));

        ChatResponse answered = await json.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q");
        ChatResponse streamed = await streaming.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").ToChatResponseAsync();

        Assert.Equal(("ok", (DateTimeOffset?)null), (answered.Text, answered.CreatedAt));
        Assert.Equal(("ok", (DateTimeOffset?)null), (streamed.Text, streamed.CreatedAt));
    }

    [Theory]
    [InlineData("""{"message":{"role":"assistant","content":"","toolCalls":[null]},"finishReason":"tool_calls"}""", "toolCalls holds a null entry")]
    [InlineData("""{"message":{"role":"assistant","content":"ok"},"finishReason":"stop","aiFilter":[null]}""", "aiFilter holds a null entry")]
    [InlineData("""{"message":{"role":"assistant","content":"ok"},"finishReason":"stop","usage":{"promptTokens":-100,"completionTokens":-2,"totalTokens":-102}}""", "usage.promptTokens is -100")]
    [InlineData("""{"message":{"role":"assistant","content":"ok"},"finishReason":"stop","seed":1e400}""", "not a whole number in range")]
    [InlineData("""{"message":{"role":"assistant","content":"ok"},"stopReason":"end_token","inputLength":9223372036854775807,"outputLength":1}""", "inputLength is 9223372036854775807")]
    public async Task Invalid_result_data_is_a_ClovaException_naming_the_field(string result, string expected)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task A_null_tool_call_in_a_streamed_result_is_a_ClovaException_not_a_crash()
    {
        string stream = Sse.Event("token", """{"message":{"role":"assistant","content":"a"}}""")
            + Sse.Event("result", """{"message":{"role":"assistant","content":"a","toolCalls":[null]},"finishReason":"tool_calls"}""");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream, "text/event-stream"));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.Contains("toolCalls holds a null entry", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[null]}""", "message 0 is null")]
    [InlineData("""{"messages":[{"role":"user","content":[{"type":"text","count":2147483647},{"type":"text","count":2147483647}]}]}""", "not a token count")]
    [InlineData("""{"messages":[{"role":"user","count":-102}]}""", "messages[0].count is -102")]
    public async Task Impossible_token_calculator_answers_are_ClovaExceptions(string result, string expected)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetTokenCounter(ClovaModels.Hcx005).CountAsync([new(ChatRole.User, "q")]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_AI_filter_in_an_LK_result_is_a_ClovaException()
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok("""{"text":"a","outputText":"b","aiFilter":[null]}""")));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetCompletionClient("LK-D2").CompleteAsync("t"));

        Assert.Contains("aiFilter holds a null entry", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("1e300")]
    [InlineData("99999999999999h")]
    public async Task An_absurd_reset_header_is_read_as_a_capped_wait_not_an_overflow(string reset)
    {
        int calls = 0;
        var handler = new RecordingHandler(_ =>
        {
            var response = new HttpResponseMessage(++calls == 1 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK)
            {
                Content = new StringContent(calls == 1 ? ClovaBody.Error("42901", "rate") : ClovaBody.ChatAnswer(), System.Text.Encoding.UTF8, "application/json"),
            };
            response.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", reset);
            return response;
        });
        using ClovaClient client = RecordingHandler.Client(handler, o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        });

        ChatResponse response = await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q");

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, calls);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task Dot_segments_are_refused_as_model_and_task_ids_before_sending(string id)
    {
        var asModel = await Refusal.BeforeSendingAsync(c => c.GetChatClient(id).GetResponseAsync("q"));
        var asTask = await Refusal.BeforeSendingAsync(c => c.GetTaskChatClient(id, ClovaApiVersion.V1).GetResponseAsync("q"));
        var perCall = await Refusal.BeforeSendingAsync(c => c.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { ModelId = id }));

        Assert.All([asModel, asTask, perCall], e => Assert.Contains($"'{id}' cannot be a CLOVA model or task id", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://clova.example/base?x=1")]
    [InlineData("https://clova.example/base#frag")]
    public void An_endpoint_with_a_query_or_fragment_is_refused_rather_than_cut(string endpoint)
    {
        var error = Assert.Throws<ArgumentException>(() => new ClovaClient(new ClovaClientOptions { Endpoint = new Uri(endpoint), ApiKey = EmulatorSession.Key }));

        Assert.Contains("must not have a query or fragment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sliding_window_reducer_for_an_unknown_model_takes_the_APIs_own_limit_as_its_budget()
    {
        using var client = new ClovaClient(EmulatorSession.Key);

        ClovaChatReducer reducer = client.GetSlidingWindowReducer("HCX-NEW", 1000, new ClovaChatReducerOptions { Strategy = ClovaReductionStrategy.SlidingWindow });

        Assert.Equal(ClovaChatReducer.SlidingWindowLimit - 1000, reducer.TokenBudget);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("s")]
    public async Task Token_counts_that_add_up_past_any_context_window_are_a_ClovaException_not_an_overflow_or_a_negative_total(string? instructions)
    {
        const string Billion = """{"role":"user","content":[{"type":"text","count":1000000000}]}""";
        string counted = instructions is null ? $"{Billion},{Billion},{Billion}" : $"{Billion},{Billion},{Billion},{Billion}";
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok($$"""{"messages":[{{counted}}]}""")));
        List<ChatMessage> history = [new(ChatRole.User, "a"), new(ChatRole.Assistant, "b"), new(ChatRole.User, "c")];

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetTokenCounter(ClovaModels.Hcx005).CountAsync(history, new ChatOptions { Instructions = instructions }));

        Assert.Contains("in total", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task A_null_counted_content_part_is_a_ClovaException_not_a_count_of_zero()
    {
        string result = """{"messages":[{"role":"user","content":[null,{"type":"text","count":5}]}]}""";
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetTokenCounter(ClovaModels.Hcx005).CountAsync([new(ChatRole.User, "q")]));

        Assert.Contains("null", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ClovaApiVersion.V1, """{"messages":[{"role":"user","content":"q"}]}""")]
    [InlineData(ClovaApiVersion.V3, """{"messages":[{"role":"user","content":[{"type":"text","text":"q"}]}]}""")]
    public async Task A_counted_message_the_calculator_gave_no_count_is_a_ClovaException_not_zero_tokens(ClovaApiVersion version, string result)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetTokenCounter(ClovaModels.Hcx003, version).CountAsync([new(ChatRole.User, "q")]));

        Assert.Contains("gave message 0 no count", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public async Task An_impossible_embedding_token_count_is_a_ClovaException(int numTokens)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok($$"""{"numTokens":{{numTokens}}}""")));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetTokenCounter(ClovaModels.Hcx005).CountEmbeddingTokensAsync("text"));

        Assert.Contains($"numTokens is {numTokens}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inputTokens")]
    [InlineData("outputTokens")]
    public async Task A_null_token_in_an_LK_result_is_a_ClovaException_not_a_null_in_a_non_null_list(string field)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok($$"""{"text":"a","outputText":"b","{{field}}":["a",null]}""")));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetCompletionClient("LK-D2").CompleteAsync("t"));

        Assert.Contains($"{field} holds a null entry", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"system","content":"s"},{"role":"assistant","content":"a"}]}""", "kept no user message")]
    [InlineData("""{"messages":[{"role":"system","content":"s"},{"role":"user","content":"a"},{"role":"user","content":"u"}]}""", "do not match")]
    public async Task A_sliding_window_answer_that_drops_every_user_turn_or_does_not_match_the_history_is_a_ClovaException(string result, string expected)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));
        ClovaChatReducer reducer = client.GetSlidingWindowReducer(ClovaModels.Hcx003, 3000);
        List<ChatMessage> history =
        [
            new(ChatRole.System, "s"),
            new(ChatRole.User, new string('q', 2000)),
            new(ChatRole.Assistant, new string('a', 2000)),
            new(ChatRole.User, "u"),
            new(ChatRole.Assistant, "a"),
        ];

        var error = await Assert.ThrowsAsync<ClovaException>(() => reducer.ReduceAsync(history));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public void A_token_budget_below_one_is_refused_naming_the_option_not_an_empty_context_window()
    {
        using var client = new ClovaClient(EmulatorSession.Key);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => client.GetSlidingWindowReducer("HCX-NEW", 100, new ClovaChatReducerOptions { TokenBudget = 0 }));

        Assert.Contains("ClovaChatReducerOptions.TokenBudget", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("context window of .", error.Message, StringComparison.Ordinal);
    }
}
