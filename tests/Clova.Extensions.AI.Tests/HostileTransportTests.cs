using System.Net;
using System.Text;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Issue 12: secrets, bounded bodies and true failure metadata against a hostile server.</summary>
public sealed class HostileTransportTests
{
    [Fact]
    public async Task A_key_echoed_by_an_error_body_is_redacted_from_the_message_ServiceMessage_and_ToString()
    {
        const string legacy = "legacy-key-0123456789";
        const string gateway = "gateway-key-9876543210";
        await using var server = new RawHttpServer(async (request, socket, token) =>
        {
            string echo = $"{{\"status\":{{\"code\":\"40100\",\"message\":\"bad key {request.Headers["X-NCP-CLOVASTUDIO-API-KEY"]} / {request.Headers["X-NCP-APIGW-API-KEY"]}\"}}}}";
            await socket.WriteAsync(Encoding.UTF8.GetBytes(RawHttpServer.Response("401 Unauthorized", "application/json", echo)), token);
        });
        using ClovaClient client = server.Client(o =>
        {
            o.ApiKey = null;
            o.LegacyApiKey = legacy;
            o.LegacyApiGatewayKey = gateway;
        });

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx003).GetResponseAsync("q"));

        foreach (string text in new[] { error.Message, error.ServiceMessage!, error.ToString() })
        {
            Assert.DoesNotContain(legacy, text, StringComparison.Ordinal);
            Assert.DoesNotContain(gateway, text, StringComparison.Ordinal);
        }

        Assert.Contains("bad key [redacted] / [redacted]", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_echoed_bearer_key_in_a_mid_stream_error_event_is_redacted()
    {
        string stream = Sse.Event("token", """{"message":{"role":"assistant","content":"a"}}""")
            + Sse.Event("error", $$$"""{"status":{"code":"50000","message":"Authorization: Bearer {{{EmulatorSession.Key}}}"}}""");
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(stream, "text/event-stream"));

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("q").CollectAsync());

        Assert.DoesNotContain(EmulatorSession.Key, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Bearer [redacted]", error.ServiceMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_error_page_is_read_only_as_far_as_its_excerpt()
    {
        // 64 MiB announced and streamed; the connector must stop after its excerpt, not buffer the page.
        long sent = 0;
        await using var server = new RawHttpServer(async (_, socket, token) =>
        {
            await socket.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: 67108864\r\nConnection: close\r\n\r\n"), token);
            byte[] chunk = Encoding.ASCII.GetBytes(new string('x', 65536));
            for (int i = 0; i < 1024; i++)
            {
                await socket.WriteAsync(chunk, token);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });
        using ClovaClient client = server.Client(o => o.Retry.Enabled = false);

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("xxxx", error.Message, StringComparison.Ordinal);
        Assert.True(Interlocked.Read(ref sent) < 64L * 1024 * 1024, $"the whole page was read ({sent:N0} bytes)");
    }

    [Fact]
    public async Task A_JSON_reply_larger_than_the_limit_is_a_ClovaException_not_a_buffer_of_its_size()
    {
        string big = ClovaBody.ChatAnswer(new string('가', 300_000));
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(big), o => o.MaxStreamEventBytes = 256 * 1024);

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.Contains("larger than ClovaClientOptions.MaxStreamEventBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_inside_a_200_envelope_retried_to_the_end_reports_every_attempt()
    {
        var handler = new RecordingHandler(ClovaBody.Error("42901", "Too many requests - rate exceeded"));
        using ClovaClient client = RecordingHandler.Client(handler, o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxRetryAttempts = 3;
        });

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(4, error.Attempts);
        Assert.Contains("Gave up after 4 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal("clovastudio.stream.ntruss.com", error.EndpointHost);
        Assert.NotNull(error.Elapsed);
    }

    [Fact]
    public async Task A_server_that_resets_every_connection_ends_in_a_ClovaException_with_the_request_id_and_attempts()
    {
        await using var server = new RawHttpServer((_, socket, _) =>
        {
            socket.Dispose();
            return Task.CompletedTask;
        });
        using ClovaClient client = server.Client(o => o.Retry.MaxRetryAttempts = 2);

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.Equal(3, error.Attempts);
        Assert.Equal("127.0.0.1", error.EndpointHost);
        Assert.True(Guid.TryParse(error.RequestId, out _));
        Assert.IsAssignableFrom<HttpRequestException>(error.InnerException);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData("""{"messages":[]}""")]
    [InlineData("""{"messages":[{"role":"system","content":"s"}]}""")]
    [InlineData("""{}""")]
    public async Task A_sliding_window_answer_that_keeps_no_user_turn_is_a_ClovaException_not_a_silent_loss(string result)
    {
        using ClovaClient client = RecordingHandler.Client(new RecordingHandler(ClovaBody.Ok(result)));
        ClovaChatReducer reducer = client.GetSlidingWindowReducer(ClovaModels.Hcx003, 3000);
        List<ChatMessage> history = [new(ChatRole.System, "s"), new(ChatRole.User, new string('q', 2000))];

        var error = await Assert.ThrowsAsync<ClovaException>(() => reducer.ReduceAsync(history));

        Assert.Contains("sliding window", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_followed_inside_a_callers_own_transport_is_reported_not_taken_as_CLOVAs_answer()
    {
        await using var elsewhere = RawHttpServer.Always(RawHttpServer.Response("200 OK", "application/json", ClovaBody.ChatAnswer("from elsewhere")));
        await using var server = RawHttpServer.Always(RawHttpServer.Response("307 Temporary Redirect", "text/plain", "", $"Location: {elsewhere.BaseUri}v3/chat-completions/HCX-005\r\n"));
        using var handler = new OpaqueRedirectingHandler();
        using ClovaClient client = server.Client(o => o.HttpMessageHandler = handler);

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.Contains("redirected", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowAutoRedirect = false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_legacy_key_pair_is_refused_with_a_callers_HttpClient_which_cannot_be_checked_for_redirects()
    {
        using var http = new HttpClient(new SocketsHttpHandler());
        var options = new ClovaClientOptions { LegacyApiKey = "legacy-key-0123456789", LegacyApiGatewayKey = "gateway-key-9876543210", HttpClient = http };

        var error = Assert.Throws<ArgumentException>("HttpClient", () => new ClovaClient(options));

        Assert.Contains("ClovaClientOptions.HttpMessageHandler", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("legacy-key-0123456789", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_HttpClient_and_a_handler_together_are_refused()
    {
        using var http = new HttpClient();
        using var handler = new SocketsHttpHandler();

        Assert.Throws<ArgumentException>("HttpMessageHandler", () => new ClovaClient(new ClovaClientOptions { ApiKey = "nv-k", HttpClient = http, HttpMessageHandler = handler }));
    }

    [Theory]
    [InlineData(301, false)]
    [InlineData(302, true)]
    [InlineData(303, false)]
    [InlineData(307, true)]
    [InlineData(308, false)]
    public async Task A_redirect_is_never_followed_with_the_legacy_keys_through_a_callers_handler_however_deep_in_its_chain(int status, bool wrapped)
    {
        const string legacy = "legacy-key-0123456789";
        await using var elsewhere = RawHttpServer.Always(RawHttpServer.Response("200 OK", "application/json", ClovaBody.ChatAnswer("from elsewhere")));
        await using var server = RawHttpServer.Always(RawHttpServer.Response($"{status} Redirect", "text/plain", "", $"Location: {elsewhere.BaseUri}v1/chat-completions/HCX-003\r\n"));
        using var primary = new HttpClientHandler();
        using HttpMessageHandler handler = wrapped ? new PassThroughHandler(new PassThroughHandler(primary)) : primary;
        using ClovaClient client = server.Client(o =>
        {
            o.ApiKey = null;
            o.LegacyApiKey = legacy;
            o.LegacyApiGatewayKey = "gateway-key-9876543210";
            o.HttpMessageHandler = handler;
            o.Retry.Enabled = false;
        });

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx003).GetResponseAsync("the-private-prompt"));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(legacy, Assert.Single(server.Requests).Headers["X-NCP-CLOVASTUDIO-API-KEY"]);
        Assert.Empty(elsewhere.Requests);
        Assert.False(primary.AllowAutoRedirect);
    }

    [Fact]
    public async Task A_handler_that_has_already_sent_and_follows_redirects_is_refused_by_name()
    {
        await using var server = RawHttpServer.Always(RawHttpServer.Response("204 No Content", "text/plain", ""));
        using var handler = new SocketsHttpHandler();
        using (var warm = new HttpClient(handler, disposeHandler: false))
        {
            using HttpResponseMessage _ = await warm.GetAsync(server.BaseUri);
        }

        var error = Assert.Throws<ArgumentException>("HttpMessageHandler", () => server.Client(o => o.HttpMessageHandler = handler));

        Assert.Contains("AllowAutoRedirect = false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callers_handler_is_used_but_never_disposed()
    {
        var handler = new RecordingHandler(ClovaBody.ChatAnswer("응답"));
        using (ClovaClient client = RecordingHandler.Client(handler))
        {
            Assert.Equal("응답", (await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q")).Text);
        }

        Assert.False(handler.Disposed);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void A_disposed_handler_is_refused_as_disposed_and_a_Bearer_prefixed_key_is_refused_with_the_fix()
    {
        var handler = new SocketsHttpHandler();
        handler.Dispose();

        var disposed = Assert.Throws<ArgumentException>("HttpMessageHandler", () => new ClovaClient(new ClovaClientOptions { ApiKey = "nv-k", HttpMessageHandler = handler }));
        var bearer = Assert.Throws<ArgumentException>("ApiKey", () => new ClovaClient(new ClovaClientOptions { ApiKey = "Bearer nv-test-key" }));

        Assert.Contains("has been disposed", disposed.Message, StringComparison.Ordinal);
        Assert.Contains("drop the 'Bearer ' prefix", bearer.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("nv-test-key", bearer.Message, StringComparison.Ordinal);
    }
}
