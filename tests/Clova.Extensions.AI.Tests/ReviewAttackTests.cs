using System.Net;
using System.Text;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>
/// The independent hostile review of issue 12's fixes: each attack once found a defect (or probed a neighbour that
/// held) and now pins the fixed behaviour.
/// </summary>
[Collection(ProcessWideHttpCollection.Name)]
public sealed class ReviewAttackTests
{
    private const string Key = EmulatorSession.Key;
    private const string SseHeaders = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";

    private static string Token(string text) => Sse.Event("token", $$$"""{"message":{"role":"assistant","content":"{{{text}}}"}}""");

    private static readonly string Result = Sse.Event("result", """{"message":{"role":"assistant","content":""},"finishReason":"stop"}""");

    // ---------------------------------------------------------------- secrets (items 1-3)

    [Theory]
    [InlineData("status")]
    [InlineData("header")]
    public async Task A_key_echoed_in_garbage_before_the_headers_is_redacted_from_the_failure_and_its_inner_exception(string where)
    {
        // The server echoes the Authorization header into an invalid status line / an invalid header line. .NET quotes
        // the offending line in its HttpRequestException message; the connector wraps it (issue 13) without redaction.
        await using var server = new RawHttpServer(async (request, socket, token) =>
        {
            string echo = request.Headers["Authorization"];
            string raw = where == "status"
                ? $"HTTP/1.1 2x0 {echo}\r\n\r\n"
                : $"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nEcho {echo}\r\n\r\n";
            await socket.WriteAsync(Encoding.ASCII.GetBytes(raw), token);
        });
        using ClovaClient client = server.Client(o => o.Retry.Enabled = false);

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.IsType<ClovaException>(error);
        Assert.False(error.Message.Contains(Key, StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_straddling_the_error_excerpt_cut_is_redacted_whole_before_the_cut()
    {
        // 180 characters of HTML, then the echoed key: the excerpt is cut at 200 characters BEFORE redaction runs,
        // so the exact key is never found and its first 20 characters stay in the message.
        await using var server = new RawHttpServer(async (request, socket, token) =>
        {
            string page = new string('x', 180) + request.Headers["Authorization"]["Bearer ".Length..] + " </html>";
            await socket.WriteAsync(Encoding.UTF8.GetBytes(RawHttpServer.Response("502 Bad Gateway", "text/html", page)), token);
        });
        using ClovaClient client = server.Client(o => o.Retry.Enabled = false);

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.DoesNotContain(Key[..16], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key[..16], error.ServiceMessage ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callers_HttpClient_with_a_plain_http_endpoint_is_refused_so_its_proxy_never_sees_the_key()
    {
        await using var proxy = RawHttpServer.Always(RawHttpServer.Response("200 OK", "application/json", ClovaBody.ChatAnswer("from proxy")));
        await using var clova = RawHttpServer.Always(RawHttpServer.Response("200 OK", "application/json", ClovaBody.ChatAnswer()));
        using var handler = new HttpClientHandler { Proxy = new FixedProxy(proxy.BaseUri), UseProxy = true };
        using var http = new HttpClient(handler);

        var error = Assert.Throws<ArgumentException>("HttpClient", () => new ClovaClient(new ClovaClientOptions { Endpoint = clova.BaseUri, ApiKey = Key, HttpClient = http }));

        Assert.Contains("HttpMessageHandler", error.Message, StringComparison.Ordinal);
        Assert.Empty(proxy.Requests);
    }

    // ---------------------------------------------------------------- bounds (items 4, 5)

    [Fact]
    public async Task Streamed_tool_call_ids_and_names_count_against_the_same_bound_as_their_arguments()
    {
        // Limit 4 KiB. 300 events, each naming a new call with a 3,000-character name (each event within the limit):
        // 900,000 characters of names are accumulated and handed back; the bound of item 4 counts only arguments.
        var stream = new StringBuilder();
        string name = new('n', 3000);
        for (int i = 0; i < 300; i++)
        {
            stream.Append(Sse.Event("token", $$$"""{"message":{"role":"assistant","content":"","toolCalls":[{"id":"c{{{i}}}","type":"function","function":{"name":"{{{name}}}"}}]}}"""));
        }

        stream.Append(Result);
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream.ToString(), "text/event-stream"), o => o.MaxStreamEventBytes = 4096);

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.Contains("streamed tool calls (ids, names and arguments) exceeded ClovaClientOptions.MaxStreamEventBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxStreamEventBytes_of_int_MaxValue_still_reads_JSON_replies()
    {
        // A careless caller lifts the limit to int.MaxValue (a positive value, accepted). ReadPooledAsync computes
        // maxBytes + 1 in int: int.MinValue, and slices a negative-length Memory.
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.ChatAnswer("hi")), o => o.MaxStreamEventBytes = int.MaxValue);

        Exception? error = await Record.ExceptionAsync(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.True(error is null, $"{error?.GetType().Name}: {error?.Message} at {error?.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Clova.", StringComparison.Ordinal))}");
    }

    // ---------------------------------------------------------------- timeouts (item 6 and neighbours)

    [Theory]
    [InlineData("StreamIdleTimeout")]
    [InlineData("NetworkTimeout")]
    public void A_timeout_too_long_for_a_timer_is_refused_by_name_before_anything_is_sent(string option)
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());

        var error = Assert.Throws<ArgumentOutOfRangeException>(option, () => RecordingHandler.Client(handler, o =>
        {
            if (option == "StreamIdleTimeout")
            {
                o.StreamIdleTimeout = TimeSpan.FromDays(60);
            }
            else
            {
                o.NetworkTimeout = TimeSpan.FromDays(60);
            }
        }));

        Assert.Contains("Timeout.InfiniteTimeSpan", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task The_idle_timeout_still_excludes_the_callers_own_time()
    {
        // Holds: events every 50 ms, the caller sleeps 700 ms per update, idle timeout 500 ms.
        await using var server = new RawHttpServer(async (_, socket, token) =>
        {
            await socket.WriteAsync(Encoding.ASCII.GetBytes(SseHeaders), token);
            for (int i = 0; i < 3; i++)
            {
                await socket.WriteAsync(Encoding.UTF8.GetBytes(Token("x")), token);
                await Task.Delay(50, token);
            }

            await socket.WriteAsync(Encoding.UTF8.GetBytes(Result), token);
        });
        using ClovaClient client = server.Client(o => o.StreamIdleTimeout = TimeSpan.FromMilliseconds(500));

        int n = 0;
        await foreach (ChatResponseUpdate _ in client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q"))
        {
            n++;
            await Task.Delay(700);
        }

        Assert.True(n >= 3);
    }

    // ---------------------------------------------------------------- event-size guard (item 10)

    [Fact]
    public async Task An_LF_line_then_a_CRLF_blank_line_in_the_next_read_ends_the_event_for_the_size_guard()
    {
        // Each event's lines end with LF and the blank line that ends it is a CRLF sent in a separate read:
        // "...\n" | "\r\n". A valid SSE boundary (LF ends the data line, CRLF the empty line); the guard's
        // split-boundary table has "\n"+"\n", "\r\n\r"+"\n", "\r"+"\r", "\r\n"+"\r\n" but not "\n"+"\r\n".
        await using var server = new RawHttpServer(async (_, socket, token) =>
        {
            await socket.WriteAsync(Encoding.ASCII.GetBytes(SseHeaders), token);
            for (int i = 0; i < 30; i++)
            {
                await socket.WriteAsync(Encoding.UTF8.GetBytes("event: token\ndata: {\"message\":{\"role\":\"assistant\",\"content\":\"x\"}}\n"), token);
                await socket.FlushAsync(token);
                await Task.Delay(15, token);
                await socket.WriteAsync("\r\n"u8.ToArray(), token);
                await socket.FlushAsync(token);
                await Task.Delay(15, token);
            }

            await socket.WriteAsync(Encoding.UTF8.GetBytes(Result), token);
        });
        using ClovaClient client = server.Client(o => o.MaxStreamEventBytes = 512);

        List<ChatResponseUpdate> updates = await client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync();

        Assert.Equal(new string('x', 30), updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task A_CRLF_stream_with_the_blank_line_in_its_own_read_passes_the_size_guard()
    {
        await using var server = new RawHttpServer(async (_, socket, token) =>
        {
            await socket.WriteAsync(Encoding.ASCII.GetBytes(SseHeaders), token);
            for (int i = 0; i < 30; i++)
            {
                await socket.WriteAsync(Encoding.UTF8.GetBytes("event: token\r\ndata: {\"message\":{\"role\":\"assistant\",\"content\":\"x\"}}\r"), token);
                await Task.Delay(10, token);
                await socket.WriteAsync("\n"u8.ToArray(), token);
                await Task.Delay(10, token);
                await socket.WriteAsync("\r\n"u8.ToArray(), token);
                await Task.Delay(10, token);
            }

            await socket.WriteAsync(Encoding.UTF8.GetBytes(Result.Replace("\n", "\r\n", StringComparison.Ordinal)), token);
        });
        using ClovaClient client = server.Client(o => o.MaxStreamEventBytes = 512);

        List<ChatResponseUpdate> updates = await client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync();

        Assert.Equal(new string('x', 30), updates.ToChatResponse().Text);
    }

    // ---------------------------------------------------------------- metadata (item 13)

    [Fact]
    public async Task A_mid_stream_failure_after_two_retried_500s_reports_three_attempts_the_host_and_the_time()
    {
        // Attempts 1 and 2: HTTP 500. Attempt 3: a stream that delivers a token and is then cut (no result, no [DONE]).
        await using var server = new RawHttpServer(async (request, socket, token) =>
        {
            string raw = request.Connection < 3
                ? RawHttpServer.Response("500 Internal Server Error", "application/json", ClovaBody.Error("50000", "boom"))
                : SseHeaders + Token("partial");
            await socket.WriteAsync(Encoding.UTF8.GetBytes(raw), token);
        });
        using ClovaClient client = server.Client();

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(7, error.ReceivedCharacters);
        Assert.True(error.EndpointHost == "127.0.0.1" && error.Elapsed is not null && error.Attempts == 3,
            $"Attempts = {error.Attempts}, EndpointHost = {error.EndpointHost ?? "null"}, Elapsed = {error.Elapsed?.ToString() ?? "null"}; {error.Message}");
    }

    [Fact]
    public async Task A_mid_stream_error_event_reports_the_host_and_the_time()
    {
        string stream = Token("a") + Sse.Event("error", """{"status":{"code":"50000","message":"x"}}""");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream, "text/event-stream"));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.Equal(1, error.ReceivedCharacters);
        Assert.True(error.EndpointHost is not null && error.Elapsed is not null, $"EndpointHost = {error.EndpointHost ?? "null"}, Elapsed = {error.Elapsed?.ToString() ?? "null"}");
    }

    // ---------------------------------------------------------------- handler option (item 1 neighbour)

    private sealed class LoggingHandler : DelegatingHandler
    {
    }

    [Fact]
    public async Task A_DelegatingHandler_without_an_inner_handler_is_refused_by_name()
    {
        // A careless caller passes a delegating handler but forgets its InnerHandler. Accepted by the constructor;
        // each call then fails with .NET's bare InvalidOperationException ("The inner handler has not been assigned").
        Exception? error = await Record.ExceptionAsync(async () =>
        {
            using var client = new ClovaClient(new ClovaClientOptions { ApiKey = Key, HttpMessageHandler = new LoggingHandler() });
            await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q");
        });

        Assert.True(error is ArgumentException or ClovaException, $"{error?.GetType()}: {error?.Message}");
    }

    // ---------------------------------------------------------------- paths (items 12, 16)

    [Theory]
    [InlineData("base?")]
    [InlineData("base#")]
    [InlineData("base/?")]
    public async Task An_endpoint_with_an_empty_query_or_fragment_marker_keeps_its_path_or_is_refused(string tail)
    {
        await using var server = RawHttpServer.Always(RawHttpServer.Response("200 OK", "application/json", ClovaBody.ChatAnswer()));
        Exception? error = await Record.ExceptionAsync(async () =>
        {
            using var client = new ClovaClient(new ClovaClientOptions { Endpoint = new Uri(server.BaseUri + tail), ApiKey = Key });
            await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q");
        });

        Assert.True(error is ArgumentException || server.Requests.All(r => r.RequestLine.StartsWith("POST /base/", StringComparison.Ordinal)),
            $"error {error?.GetType().Name}; request line: {string.Join(" | ", server.Requests.Select(r => r.RequestLine))}");
    }

    [Fact]
    public async Task Dot_segment_ids_are_refused_on_every_path()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer());
        using ClovaClient client = RecordingHandler.Client(handler);
        var attempts = new List<(string What, Func<Task> Call)>
        {
            ("ChatOptions.ModelId ..", () => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q", new ChatOptions { ModelId = ".." })),
            ("ChatOptions.ModelId . (task)", () => client.GetTaskChatClient("t1", ClovaApiVersion.V3).GetResponseAsync("q", new ChatOptions { ModelId = "." })),
            ("completion ..", () => client.GetCompletionClient("..").CompleteAsync("q")),
            ("token counter ..", () => client.GetTokenCounter("..").CountAsync([new ChatMessage(ChatRole.User, "q")])),
            ("router ..", () => client.GetRouter("..", 1).RouteAsync("q")),
        };
        var failures = new List<string>();
        foreach ((string what, Func<Task> call) in attempts)
        {
            int before = handler.Requests.Count;
            Exception? e = await Record.ExceptionAsync(call);
            if (e is not ArgumentException || handler.Requests.Count != before)
            {
                failures.Add($"{what}: {e?.GetType().Name} {(handler.Requests.Count != before ? handler.LastRequest.RequestUri : "")}");
            }
        }

        Assert.Empty(failures);
    }

    // ---------------------------------------------------------------- data (items 7, 9, 14)

    [Theory]
    [InlineData("""{"message":{"role":"assistant","content":"a","toolCalls":[null]}}""")]
    [InlineData("""{"message":{"role":"assistant","content":"a"},"aiFilter":[null]}""")]
    [InlineData("""{"message":{"role":"assistant","content":"a"},"usage":{"promptTokens":2147483647,"completionTokens":1,"totalTokens":-5}}""")]
    [InlineData("""{"message":{"role":"assistant","content":"a"},"created":1e300}""")]
    [InlineData("""{"message":{"role":"assistant","content":"a"},"seed":1e400}""")]
    public async Task Null_entries_and_out_of_range_numbers_in_a_streamed_token_are_ClovaExceptions(string token)
    {
        string stream = Sse.Event("token", token) + Result;
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream, "text/event-stream"));

        Exception? error = await Record.ExceptionAsync(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.True(error is null or ClovaException, $"{error}");
    }

    [Fact]
    public async Task Reasoning_that_contradicts_the_streamed_reasoning_is_not_spliced()
    {
        string stream = Sse.Event("token", """{"message":{"role":"assistant","thinkingContent":"Hello"}}""")
            + Sse.Event("result", """{"message":{"role":"assistant","thinkingContent":"Goodbye world","content":"A"},"finishReason":"stop"}""");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream, "text/event-stream"));

        List<ChatResponseUpdate> updates = await client.GetChatClient(ClovaModels.Hcx007).GetStreamingResponseAsync("q", new ChatOptions { Reasoning = new ReasoningOptions { Output = ReasoningOutput.Full } }).CollectAsync();
        string reasoning = string.Concat(updates.SelectMany(u => u.Contents).OfType<TextReasoningContent>().Select(r => r.Text));

        Assert.DoesNotContain("ye world", reasoning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_echoed_in_a_bad_chunk_trailer_mid_stream_is_redacted()
    {
        await using var server = new RawHttpServer(async (request, socket, token) =>
        {
            string echo = request.Headers["Authorization"];
            byte[] tokenEvent = Encoding.UTF8.GetBytes(Token("a"));
            await socket.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"), token);
            await socket.WriteAsync(Encoding.ASCII.GetBytes($"{tokenEvent.Length:x}\r\n"), token);
            await socket.WriteAsync(tokenEvent, token);
            await socket.WriteAsync("\r\n"u8.ToArray(), token);
            await Task.Delay(200, token);
            await socket.WriteAsync(Encoding.ASCII.GetBytes($"0\r\n{echo}\r\n\r\n"), token);
        });
        using ClovaClient client = server.Client(o => o.Retry.Enabled = false);

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.IsType<ClovaException>(error);
        Assert.False(error.ToString().Contains(Key, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task A_key_echoed_in_a_bad_chunk_size_mid_stream_is_redacted()
    {
        await using var server = new RawHttpServer(async (request, socket, token) =>
        {
            string echo = request.Headers["Authorization"].Replace(" ", "", StringComparison.Ordinal);
            byte[] tokenEvent = Encoding.UTF8.GetBytes(Token("a"));
            await socket.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"), token);
            await socket.WriteAsync(Encoding.ASCII.GetBytes($"{tokenEvent.Length:x}\r\n"), token);
            await socket.WriteAsync(tokenEvent, token);
            await socket.WriteAsync(Encoding.ASCII.GetBytes($"\r\nzz{echo}\r\n"), token);
        });
        using ClovaClient client = server.Client(o => o.Retry.Enabled = false);

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.IsType<ClovaException>(error);
        Assert.False(error.ToString().Contains(Key, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task A_key_echoed_in_an_invalid_header_of_a_streaming_request_is_redacted()
    {
        await using var server = new RawHttpServer(async (request, socket, token) =>
            await socket.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nEcho {request.Headers["Authorization"]}\r\n\r\n"), token));
        using ClovaClient client = server.Client();

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.IsType<ClovaException>(error);
        Assert.False(error.ToString().Contains(Key, StringComparison.Ordinal), $"Attempts {((ClovaException)error).Attempts}: {error.Message}");
    }

    [Fact]
    public async Task A_disposed_handler_is_a_ClovaException_not_a_bare_ObjectDisposedException()
    {
        await using var server = RawHttpServer.Always(RawHttpServer.Response("200 OK", "application/json", ClovaBody.ChatAnswer()));
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false };
        handler.Dispose();

        Exception? error = await Record.ExceptionAsync(async () =>
        {
            using var client = new ClovaClient(new ClovaClientOptions { Endpoint = server.BaseUri, ApiKey = Key, HttpMessageHandler = handler });
            await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q");
        });

        Assert.True(error is ArgumentException or ClovaException, $"{error?.GetType()}: {error?.Message}");
    }
}
