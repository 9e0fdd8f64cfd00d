using System.Text;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Issue 12: a hostile or broken stream cannot grow memory, invent text or be misjudged.</summary>
public sealed class HostileStreamTests
{
    private const string SseHeaders = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";

    [Fact]
    public async Task A_flood_of_tool_call_fragments_is_cut_off_at_MaxStreamEventBytes()
    {
        // 4 MiB of fragments in small events, each well within the per-event limit of 256 KiB.
        var stream = new StringBuilder(Sse.Event("token", """{"message":{"role":"assistant","content":"","toolCalls":[{"id":"call_1","type":"function","function":{"name":"f"}}]}}"""));
        string chunk = new('x', 4096);
        for (int i = 0; i < 1024; i++)
        {
            stream.Append(Sse.Event("token", $$$"""{"message":{"role":"assistant","content":"","toolCalls":[{"function":{"partialJson":"{{{chunk}}}"}}]}}"""));
        }

        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream.ToString(), "text/event-stream"), o => o.MaxStreamEventBytes = 256 * 1024);

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.Contains("streamed tool calls (ids, names and arguments) exceeded ClovaClientOptions.MaxStreamEventBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_result_that_contradicts_the_streamed_tokens_is_not_spliced_onto_them_and_is_flagged()
    {
        string stream = Sse.Event("token", """{"message":{"role":"assistant","content":"Hello"}}""")
            + Sse.Event("result", """{"message":{"role":"assistant","content":"Goodbye world"},"finishReason":"stop"}""");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream, "text/event-stream"));

        List<ChatResponseUpdate> updates = await client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync();
        ChatResponse response = updates.ToChatResponse();

        Assert.Equal("Hello", response.Text);
        Assert.Equal(true, updates[^1].AdditionalProperties?[ClovaPropertyNames.ResultMismatch]);
    }

    [Fact]
    public async Task A_result_that_continues_the_streamed_tokens_adds_only_the_missing_tail_and_no_flag()
    {
        string stream = Sse.Event("token", """{"message":{"role":"assistant","content":"Hel"}}""")
            + Sse.Event("result", """{"message":{"role":"assistant","content":"Hello"},"finishReason":"stop"}""");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream, "text/event-stream"));

        List<ChatResponseUpdate> updates = await client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync();

        Assert.Equal("Hello", updates.ToChatResponse().Text);
        Assert.False(updates[^1].AdditionalProperties?.ContainsKey(ClovaPropertyNames.ResultMismatch) ?? false);
    }

    [Fact]
    public async Task A_DONE_signal_without_a_result_ends_the_reply_normally_with_no_usage_invented()
    {
        string stream = Sse.Event("token", """{"message":{"role":"assistant","content":"부분"}}""")
            + Sse.Event("signal", """{"data":"[DONE]"}""");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream, "text/event-stream"));

        List<ChatResponseUpdate> updates = await client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync();

        Assert.Equal("부분", updates.ToChatResponse().Text);
        Assert.DoesNotContain(updates.SelectMany(u => u.Contents), c => c is UsageContent);
    }

    [Fact]
    public async Task A_stream_cut_without_DONE_or_result_still_fails()
    {
        string stream = Sse.Event("token", """{"message":{"role":"assistant","content":"부분"}}""");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream, "text/event-stream"));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CRLF_stream_whose_blank_lines_arrive_in_separate_reads_is_not_mistaken_for_one_growing_event()
    {
        // 40 events of ~100 bytes against a 1 KiB limit: only if the split "\r\n" + "\r\n" boundaries are missed do
        // they add up to one oversize event.
        await using var server = new RawHttpServer(async (_, socket, token) =>
        {
            await socket.WriteAsync(Encoding.UTF8.GetBytes(SseHeaders), token);
            for (int i = 0; i < 40; i++)
            {
                await socket.WriteAsync(Encoding.UTF8.GetBytes("event: token\r\ndata: {\"message\":{\"role\":\"assistant\",\"content\":\"a\"}}\r\n"), token);
                await socket.FlushAsync(token);
                await Task.Delay(2, token);
                await socket.WriteAsync("\r\n"u8.ToArray(), token);
                await socket.FlushAsync(token);
                await Task.Delay(2, token);
            }

            await socket.WriteAsync(Encoding.UTF8.GetBytes("event: result\r\ndata: {\"message\":{\"role\":\"assistant\",\"content\":\"" + new string('a', 40) + "\"},\"finishReason\":\"stop\"}\r\n\r\n"), token);
        });
        using ClovaClient client = server.Client(o => o.MaxStreamEventBytes = 1024);

        List<ChatResponseUpdate> updates = await client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync();

        Assert.Equal(new string('a', 40), updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task An_oversize_event_after_output_reports_how_much_output_was_delivered()
    {
        string stream = Sse.Event("token", """{"message":{"role":"assistant","content":"안녕하세요"}}""")
            + Sse.Event("token", $$$"""{"message":{"role":"assistant","content":"{{{new string('x', 8192)}}}"}}""");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream, "text/event-stream"), o => o.MaxStreamEventBytes = 4096);

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.Contains("MaxStreamEventBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.ReceivedCharacters);
    }

    [Fact]
    public async Task The_idle_timeout_counts_only_time_waiting_on_the_server_not_the_callers_own_time()
    {
        // Events every 50 ms; the caller spends 400 ms on each; the idle limit is 250 ms.
        await using var server = new RawHttpServer(async (_, socket, token) =>
        {
            await socket.WriteAsync(Encoding.UTF8.GetBytes(SseHeaders), token);
            for (int i = 0; i < 4; i++)
            {
                await socket.WriteAsync(Encoding.UTF8.GetBytes(Sse.Event("token", """{"message":{"role":"assistant","content":"a"}}""")), token);
                await socket.FlushAsync(token);
                await Task.Delay(50, token);
            }

            await socket.WriteAsync(Encoding.UTF8.GetBytes(Sse.Event("result", """{"message":{"role":"assistant","content":"aaaa"},"finishReason":"stop"}""")), token);
        });
        using ClovaClient client = server.Client(o => o.StreamIdleTimeout = TimeSpan.FromMilliseconds(250));

        var text = new StringBuilder();
        await foreach (ChatResponseUpdate update in client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q"))
        {
            text.Append(update.Text);
            await Task.Delay(400);
        }

        Assert.Equal("aaaa", text.ToString());
    }
}
