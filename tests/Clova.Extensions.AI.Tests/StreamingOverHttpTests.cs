using Clova.Emulator;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Streaming chat against the emulator over real HTTP: SSE decoding and the MEAI streaming contract.</summary>
public sealed class StreamingOverHttpTests
{
    [Fact]
    public async Task A_streamed_reply_rebuilds_into_the_same_message_as_the_non_streaming_reply()
    {
        await using var session = await EmulatorSession.StartAsync();
        IChatClient chat = session.Chat();
        var options = new ChatOptions { Seed = 7 };

        ChatResponse whole = await chat.GetResponseAsync("부분집합은 몇 개?", options);
        ChatResponse rebuilt = await chat.GetStreamingResponseAsync("부분집합은 몇 개?", options).ToChatResponseAsync();

        ChatMessage message = Assert.Single(rebuilt.Messages);
        Assert.Equal(whole.Text, rebuilt.Text);
        Assert.Equal(Reasoning(whole), Reasoning(rebuilt));
        Assert.IsType<TextReasoningContent>(message.Contents[0]);
        Assert.Equal(ChatFinishReason.Stop, rebuilt.FinishReason);
        // ToChatResponseAsync puts streamed extras on the message; the non-streaming reply has them there too.
        Assert.Equal(7L, rebuilt.Messages[0].AdditionalProperties![ClovaPropertyNames.Seed]);
        Assert.Equal(7L, whole.Messages[0].AdditionalProperties![ClovaPropertyNames.Seed]);
    }

    [Fact]
    public async Task Exactly_one_UsageContent_is_emitted_although_the_last_token_repeats_the_usage()
    {
        await using var session = await EmulatorSession.StartAsync(new ClovaEmulatorOptions { FinishOnLastToken = true });
        IChatClient chat = session.Chat();

        List<ChatResponseUpdate> updates = await chat.GetStreamingResponseAsync("hi").CollectAsync();
        ChatResponse whole = await chat.GetResponseAsync("hi");

        UsageContent usage = Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal(whole.Usage!.TotalTokenCount, usage.Details.TotalTokenCount);
        Assert.Equal(whole.Usage.ReasoningTokenCount, usage.Details.ReasoningTokenCount);
        Assert.Equal(whole.Usage.TotalTokenCount, (await ToAsync(updates).ToChatResponseAsync()).Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task Every_update_carries_the_same_response_id_message_id_role_model_and_creation_time()
    {
        await using var session = await EmulatorSession.StartAsync();

        List<ChatResponseUpdate> updates = await session.Chat().GetStreamingResponseAsync("hello there").CollectAsync();

        string requestId = session.Emulator.LastRequest!.Header("X-NCP-CLOVASTUDIO-REQUEST-ID")!;
        Assert.True(updates.Count > 5);
        Assert.All(updates, u =>
        {
            Assert.Equal(requestId, u.ResponseId);
            Assert.Equal(requestId, u.MessageId);
            Assert.Equal(ChatRole.Assistant, u.Role);
            Assert.Equal(ClovaModels.Hcx007, u.ModelId);
            Assert.Equal(updates[0].CreatedAt, u.CreatedAt);
            Assert.NotNull(u.RawRepresentation);
        });
        Assert.NotNull(updates[0].CreatedAt);
    }

    [Fact]
    public async Task Reasoning_deltas_all_come_before_answer_deltas_and_the_finish_reason_only_on_the_last_update()
    {
        await using var session = await EmulatorSession.StartAsync();

        List<ChatResponseUpdate> updates = await session.Chat().GetStreamingResponseAsync("hi").CollectAsync();

        List<AIContent> contents = [.. updates.SelectMany(u => u.Contents).Where(c => c is TextContent or TextReasoningContent)];
        int lastReasoning = contents.FindLastIndex(c => c is TextReasoningContent);
        int firstText = contents.FindIndex(c => c is TextContent);
        Assert.True(lastReasoning >= 0 && firstText > lastReasoning);
        Assert.All(updates[..^1], u => Assert.Null(u.FinishReason));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
    }

    [Fact]
    public async Task Reasoning_output_None_streams_only_the_answer()
    {
        await using var session = await EmulatorSession.StartAsync();
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Output = ReasoningOutput.None } };

        List<ChatResponseUpdate> updates = await session.Chat().GetStreamingResponseAsync("hi", options).CollectAsync();

        Assert.DoesNotContain(updates.SelectMany(u => u.Contents), c => c is TextReasoningContent);
        Assert.Equal("«hi»에 대한 답변입니다. (에뮬레이터, 사용자 메시지 1개)", string.Concat(updates.Select(u => u.Text)));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Streams_end_cleanly_with_or_without_a_DONE_signal_and_with_compact_fields(bool doneSignal, bool compact)
    {
        await using var session = await EmulatorSession.StartAsync(new ClovaEmulatorOptions { SendDoneSignal = doneSignal, CompactSseFields = compact, FinishOnLastToken = false });

        ChatResponse rebuilt = await session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hi").ToChatResponseAsync();

        Assert.Equal("«hi»에 대한 답변입니다. (에뮬레이터, 사용자 메시지 1개)", rebuilt.Text);
        Assert.NotNull(rebuilt.Usage);
    }

    [Fact]
    public async Task AI_filters_arrive_on_the_final_update_and_in_the_rebuilt_response()
    {
        await using var session = await EmulatorSession.StartAsync();
        var options = new ChatOptions { AdditionalProperties = new() { ["includeAiFilters"] = true } };

        List<ChatResponseUpdate> updates = await session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hi", options).CollectAsync();
        ChatResponse rebuilt = await ToAsync(updates).ToChatResponseAsync();

        Assert.IsAssignableFrom<IReadOnlyList<ClovaAiFilterResult>>(updates[^1].AdditionalProperties![ClovaPropertyNames.AiFilter]);
        Assert.Equal(3, Assert.IsAssignableFrom<IReadOnlyList<ClovaAiFilterResult>>(rebuilt.Messages[0].AdditionalProperties![ClovaPropertyNames.AiFilter]).Count);
    }

    [Fact]
    public async Task An_error_event_after_HTTP_200_throws_ClovaException_with_its_code_and_how_much_was_received()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(new EmulatorScript { ErrorEventAfterTokens = 4, ErrorCode = "42901", ErrorMessage = "Too many requests - rate exceeded" });
        var received = new List<ChatResponseUpdate>();

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hi").CollectAsync(received));

        Assert.Equal(4, received.Count);
        Assert.Equal("42901", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal("Too many requests - rate exceeded", error.ServiceMessage);
        Assert.Equal(string.Concat(received.Select(u => u.Text)).Length, error.ReceivedCharacters);
        Assert.Equal(session.Emulator.LastRequest!.Header("X-NCP-CLOVASTUDIO-REQUEST-ID"), error.RequestId);
        Assert.Contains("42901", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_mid_stream_throws_ClovaException_instead_of_ending_quietly()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(new EmulatorScript { DropConnectionAfterTokens = 3 });

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hello there friend").CollectAsync());

        Assert.True(error.ReceivedCharacters > 0);
        Assert.Contains("characters of output had been delivered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_ends_without_a_result_or_finish_reason_is_reported_as_truncated()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(EmulatorScript.RawStream(
            Sse.Event("token", """{"message":{"role":"assistant","content":"half"},"finishReason":null,"usage":null}""")));

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat().GetStreamingResponseAsync("hi").CollectAsync());

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.ReceivedCharacters);
    }

    [Fact]
    public async Task Unknown_events_are_skipped_unknown_finish_reasons_are_kept_and_a_bare_DONE_ends_the_stream()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(EmulatorScript.RawStream(
            ": a comment line\n\n" +
            Sse.Event("ping", "{}") +
            "event: token\ndata:{\"message\":{\"role\":\"assistant\",\"content\":\"안녕\"}}\n\n" +
            Sse.Event("result", """{"message":{"role":"assistant","content":"안녕"},"finishReason":"content_filter_v2","usage":{"promptTokens":1,"completionTokens":1,"totalTokens":9}}""") +
            "data: [DONE]\n\n" +
            Sse.Event("token", """{"message":{"content":"never read"}}""")));

        List<ChatResponseUpdate> updates = await session.Chat().GetStreamingResponseAsync("hi").CollectAsync();
        ChatResponse rebuilt = await ToAsync(updates).ToChatResponseAsync();

        Assert.Equal("안녕", rebuilt.Text);
        Assert.Equal(new ChatFinishReason("content_filter_v2"), rebuilt.FinishReason);
        Assert.Equal(9, rebuilt.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task A_finish_reason_on_the_last_token_completes_a_stream_that_has_no_result_event()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(EmulatorScript.RawStream(
            Sse.Event("token", """{"message":{"role":"assistant","content":"done"},"finishReason":"length","usage":{"promptTokens":2,"completionTokens":1,"totalTokens":3}}""") +
            Sse.Event("signal", """{"data":"[DONE]"}""")));

        List<ChatResponseUpdate> updates = await session.Chat().GetStreamingResponseAsync("hi").CollectAsync();

        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
        Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal("done", string.Concat(updates.Select(u => u.Text)));
    }

    [Fact]
    public async Task Cancelling_mid_stream_throws_OperationCanceledException_promptly()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(new EmulatorScript { StallAfterTokens = 2 });
        using var cts = new CancellationTokenSource();
        int received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ChatResponseUpdate _ in session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hello there", cancellationToken: cts.Token))
            {
                if (++received == 2)
                {
                    cts.CancelAfter(50);
                }
            }
        });

        Assert.Equal(2, received);
    }

    [Fact]
    public async Task Cancelling_while_waiting_for_headers_throws_OperationCanceledException()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Enqueue(new EmulatorScript { DelayBeforeHeaders = TimeSpan.FromMinutes(5) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.Chat().GetStreamingResponseAsync("hi", cancellationToken: cts.Token).CollectAsync());
    }

    [Fact]
    public async Task The_network_timeout_surfaces_as_a_TaskCanceledException_wrapping_a_TimeoutException()
    {
        await using var session = await EmulatorSession.StartAsync(configure: o => o.NetworkTimeout = TimeSpan.FromMilliseconds(300));
        session.Emulator.Enqueue(new EmulatorScript { StallAfterTokens = 1 });

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => session.Chat().GetStreamingResponseAsync("hi").CollectAsync());

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Contains("NetworkTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_options_throw_at_the_call_before_any_request_is_sent()
    {
        await using var session = await EmulatorSession.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => session.Chat().GetStreamingResponseAsync("hi", new ChatOptions { Temperature = 1.5f }));

        Assert.Contains("ChatOptions.Temperature", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.Emulator.Requests);
    }

    [Fact]
    public async Task A_JSON_error_answer_to_a_streaming_request_throws_ClovaException()
    {
        await using var session = await EmulatorSession.StartAsync();

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat("HCX-404").GetStreamingResponseAsync("hi").CollectAsync());

        Assert.Equal("40080", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
    }

    private static string Reasoning(ChatResponse response) =>
        string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(r => r.Text));

    private static async IAsyncEnumerable<ChatResponseUpdate> ToAsync(IEnumerable<ChatResponseUpdate> updates)
    {
        foreach (ChatResponseUpdate update in updates)
        {
            yield return update;
        }

        await Task.CompletedTask;
    }
}
