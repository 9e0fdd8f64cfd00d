using System.Diagnostics;
using System.Net;
using Clova.Emulator;
using Clova.Resilience;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>Retries, timeouts, cancellation and broken servers, against the emulator's fault injection.</summary>
public sealed class ResilienceTests
{
    private static void FastRetries(ClovaClientOptions options)
    {
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
    }

    [Fact]
    public async Task A_burst_of_429s_is_absorbed_with_one_request_id_and_numbered_attempts()
    {
        await using var session = await EmulatorSession.StartAsync(configure: FastRetries);
        for (int i = 0; i < 3; i++)
        {
            session.Emulator.Enqueue(EmulatorScript.RateLimited("0.05s"));
        }

        ChatResponse response = await session.Chat(ClovaModels.Hcx005).GetResponseAsync("hi");

        Assert.Contains("«hi»", response.Text, StringComparison.Ordinal);
        IReadOnlyList<RecordedRequest> sent = session.Emulator.Requests;
        Assert.Equal(4, sent.Count);
        Assert.Single(sent.Select(r => r.Header("X-NCP-CLOVASTUDIO-REQUEST-ID")).Distinct());
        Assert.Equal(["1", "2", "3", "4"], sent.Select(r => r.Header("X-Clova-Attempt")));
        Assert.Equal(response.ResponseId, sent[0].Header("X-NCP-CLOVASTUDIO-REQUEST-ID"));
    }

    [Fact]
    public async Task The_wait_the_server_asks_for_is_honoured()
    {
        await using var session = await EmulatorSession.StartAsync(configure: FastRetries);
        session.Emulator.Enqueue(EmulatorScript.RateLimited("150ms"));
        var clock = Stopwatch.StartNew();

        await session.Chat(ClovaModels.Hcx005).GetResponseAsync("hi");

        // A lower bound only: the retry may not come before the server's reset time.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(140), $"retried after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(2, session.Emulator.Requests.Count);
    }

    [Theory]
    [InlineData("40001")]
    [InlineData("40104")]
    [InlineData("40400")]
    [InlineData("40300")]
    public async Task Client_errors_are_never_retried(string code)
    {
        await using var session = await EmulatorSession.StartAsync(configure: FastRetries);
        session.Emulator.Enqueue(EmulatorScript.Error(code, "no"));

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat(ClovaModels.Hcx005).GetResponseAsync("hi"));

        Assert.Equal(code, error.ErrorCode);
        Assert.Single(session.Emulator.Requests);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task When_retries_run_out_the_last_failure_is_reported_with_the_attempt_count()
    {
        await using var session = await EmulatorSession.StartAsync(configure: FastRetries);
        for (int i = 0; i < 6; i++)
        {
            session.Emulator.Enqueue(EmulatorScript.Error("50000", "Internal server error") with { RawStatus = 503 });
        }

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat(ClovaModels.Hcx005).GetResponseAsync("hi"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(5, error.Attempts);
        Assert.Equal(5, session.Emulator.Requests.Count);
        Assert.Contains("Gave up after 5 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_wait_longer_than_the_total_delay_cap_is_not_waited_for()
    {
        await using var session = await EmulatorSession.StartAsync(configure: o => o.Retry.MaxTotalDelay = TimeSpan.FromSeconds(1));
        session.Emulator.Enqueue(EmulatorScript.RateLimited("10s"));

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat(ClovaModels.Hcx005).GetResponseAsync("hi"));

        Assert.Equal("42901", error.ErrorCode);
        Assert.Single(session.Emulator.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_backoff_that_would_pass_the_total_delay_cap_is_not_waited_and_the_last_response_is_reported(bool jitter)
    {
        // Polly picks the (jittered) wait; the cap is checked against that exact wait, so with no budget at all no
        // retry may happen, whatever the jitter drew.
        var handler = new RecordingHandler(ClovaBody.Error("50300", "overloaded"), status: System.Net.HttpStatusCode.ServiceUnavailable);
        using ClovaClient client = RecordingHandler.Client(handler, o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromSeconds(1);
            o.Retry.MaxTotalDelay = TimeSpan.Zero;
            o.Retry.UseJitter = jitter;
        });

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.Single(handler.Requests);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("50300", error.ErrorCode);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task Jittered_backoff_within_the_total_delay_cap_is_retried_until_the_attempts_run_out()
    {
        var handler = new RecordingHandler(ClovaBody.Error("50000", "boom"), status: System.Net.HttpStatusCode.InternalServerError);
        using ClovaClient client = RecordingHandler.Client(handler, o =>
        {
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxRetryAttempts = 3;
            o.Retry.UseJitter = true;
        });

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("q"));

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(["1", "2", "3", "4"], handler.Requests.Select(r => r.Request.Headers.GetValues("X-Clova-Attempt").Single()));
    }

    [Fact]
    public async Task Retries_can_be_turned_off()
    {
        await using var session = await EmulatorSession.StartAsync(configure: o => o.Retry.Enabled = false);
        session.Emulator.Enqueue(EmulatorScript.RateLimited("0s"));

        await Assert.ThrowsAsync<ClovaException>(() => session.Chat(ClovaModels.Hcx005).GetResponseAsync("hi"));

        Assert.Single(session.Emulator.Requests);
    }

    [Fact]
    public Task A_rate_limit_error_as_the_first_stream_event_is_retried_because_nothing_was_handed_over() =>
        AssertStreamRetriedOnceAsync(new EmulatorScript { ErrorEventAfterTokens = 0, ErrorCode = "42902", ErrorMessage = "Overloaded" });

    [Fact]
    public Task A_connection_dropped_before_the_first_event_is_retried() =>
        AssertStreamRetriedOnceAsync(new EmulatorScript { DropConnectionAfterTokens = 0 });

    [Fact]
    public async Task A_failure_after_output_was_handed_over_is_not_retried_and_nothing_is_emitted_twice()
    {
        await using var session = await EmulatorSession.StartAsync(configure: FastRetries);
        session.Emulator.Enqueue(new EmulatorScript { ErrorEventAfterTokens = 3, ErrorCode = "50000", ErrorMessage = "boom" });
        var received = new List<ChatResponseUpdate>();

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hello there friend").CollectAsync(received));

        Assert.Single(session.Emulator.Requests);
        Assert.Equal(3, received.Count);
        Assert.Equal(string.Concat(received.Select(u => u.Text)).Length, error.ReceivedCharacters);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task ClovaRetryHandler_brings_the_same_policy_to_a_callers_own_handler_chain()
    {
        await using var session = await EmulatorSession.StartAsync();
        var options = new ClovaRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10) };
        using var handler = new ClovaRetryHandler(new SocketsHttpHandler(), options);
        using var client = new ClovaClient(new ClovaClientOptions
        {
            Endpoint = session.Emulator.BaseUri,
            ApiKey = EmulatorSession.Key,
            HttpMessageHandler = handler,
            Retry = new ClovaRetryOptions { Enabled = false },
        });
        session.Emulator.Enqueue(EmulatorScript.Error("50000", "down") with { RawStatus = 502 });
        session.Emulator.Enqueue(EmulatorScript.RateLimited("0.01s"));

        ChatResponse response = await client.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("hi");

        Assert.NotEmpty(response.Text);
        Assert.Equal(["1", "2", "3"], session.Emulator.Requests.Select(r => r.Header("X-Clova-Attempt")));
    }

    [Fact]
    public async Task A_stalled_stream_ends_with_the_idle_timeout_not_a_hang()
    {
        await using var session = await EmulatorSession.StartAsync(configure: o => o.StreamIdleTimeout = TimeSpan.FromMilliseconds(300));
        session.Emulator.Enqueue(new EmulatorScript { StallAfterTokens = 2 });

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hello there friend").ToChatResponseAsync());

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Contains("StreamIdleTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_never_ends_is_ended_by_the_network_timeout()
    {
        await using var session = await EmulatorSession.StartAsync(configure: o => o.NetworkTimeout = TimeSpan.FromMilliseconds(500));
        session.Emulator.Enqueue(new EmulatorScript { EndlessPings = true });

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hi").ToChatResponseAsync());

        Assert.Contains("NetworkTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_bytes_in_a_stream_become_a_ClovaException()
    {
        await using var session = await EmulatorSession.StartAsync(configure: FastRetries);
        session.Emulator.Enqueue(new EmulatorScript { GarbageAfterTokens = 2 });

        await Assert.ThrowsAsync<ClovaException>(() => session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hello there").ToChatResponseAsync());
    }

    [Fact]
    public async Task An_event_larger_than_the_limit_fails_the_stream_instead_of_filling_memory()
    {
        await using var session = await EmulatorSession.StartAsync(configure: o => o.MaxStreamEventBytes = 64 * 1024);
        session.Emulator.Enqueue(EmulatorScript.RawStream(Sse.Event("token", $$$"""{"message":{"content":"{{{new string('가', 200_000)}}}"}}""")));

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hi").ToChatResponseAsync());

        Assert.Contains("MaxStreamEventBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_line_without_a_newline_is_cut_off_at_the_limit()
    {
        var handler = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new EndlessStream()) { Headers = { ContentType = new("text/event-stream") } },
        });
        using ClovaClient client = RecordingHandler.Client(handler, o =>
        {
            o.MaxStreamEventBytes = 1024 * 1024;
            o.Retry.Enabled = false;
        });

        var error = await Assert.ThrowsAsync<ClovaException>(() => client.GetChatClient(ClovaModels.Hcx005).GetStreamingResponseAsync("hi").ToChatResponseAsync());

        Assert.Contains("MaxStreamEventBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_so_the_key_never_reaches_another_host()
    {
        await using var session = await EmulatorSession.StartAsync();
        await using ClovaEmulator elsewhere = await ClovaEmulator.StartAsync();
        session.Emulator.Enqueue(EmulatorScript.Raw(302, "") with
        {
            RawHeaders = new Dictionary<string, string> { ["Location"] = new Uri(elsewhere.BaseUri, "v3/chat-completions/HCX-005").AbsoluteUri },
        });

        var error = await Assert.ThrowsAsync<ClovaException>(() => session.Chat(ClovaModels.Hcx005).GetResponseAsync("hi"));

        Assert.Equal(HttpStatusCode.Found, error.StatusCode);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task An_account_rate_limit_is_ridden_out_by_concurrent_callers()
    {
        await using var session = await EmulatorSession.StartAsync(
            new ClovaEmulatorOptions { RateLimitRequests = 4, RateLimitWindow = TimeSpan.FromMilliseconds(300) },
            o =>
            {
                FastRetries(o);
                o.Retry.MaxRetryAttempts = 10;
                o.Retry.MaxDelay = TimeSpan.FromSeconds(1);
            });
        IChatClient chat = session.Chat(ClovaModels.HcxDash002);

        ChatResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => chat.GetResponseAsync($"q{i}")));

        Assert.All(responses.Select((r, i) => (r, i)), x => Assert.StartsWith($"«q{x.i}»", x.r.Text, StringComparison.Ordinal));
        Assert.True(session.Emulator.Requests.Count > 12, "some requests must have been rate limited and retried");
    }

    [Fact(Timeout = 60_000)]
    public async Task Fifty_concurrent_streaming_conversations_on_one_client_complete_with_their_own_text()
    {
        await using var session = await EmulatorSession.StartAsync();
        IChatClient chat = session.Chat(ClovaModels.Hcx007);

        ChatResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => chat.GetStreamingResponseAsync($"질문 {i}번").ToChatResponseAsync()));

        for (int i = 0; i < responses.Length; i++)
        {
            Assert.Equal($"«질문 {i}번»에 대한 답변입니다. (에뮬레이터, 사용자 메시지 1개)", responses[i].Text);
            Assert.Single(responses[i].Messages);
            Assert.Contains($"«질문 {i}번»", ((TextReasoningContent)responses[i].Messages[0].Contents[0]).Text, StringComparison.Ordinal);
        }

        Assert.Equal(50, responses.Select(r => r.ResponseId).Distinct().Count());
    }

    [Theory]
    [InlineData("6s", 6000)]
    [InlineData("2.5s", 2500)]
    [InlineData("1m30s", 90000)]
    [InlineData("250ms", 250)]
    [InlineData("3", 3000)]
    public void Rate_limit_reset_durations_are_parsed(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RetryHints.ParseDuration(text));

    [Theory]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("")]
    public void Unreadable_reset_durations_are_ignored(string text) => Assert.Null(RetryHints.ParseDuration(text));

    [Fact]
    public void The_longest_of_Retry_After_and_the_reset_headers_is_used()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", "6s");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-tokens", "2.5s");

        Assert.Equal(TimeSpan.FromSeconds(6), RetryHints.FromHeaders(response));
    }

    /// <summary>Starts with <paramref name="failure"/> as the first answer, then asserts that a stream retried once completes.</summary>
    private static async Task AssertStreamRetriedOnceAsync(EmulatorScript failure)
    {
        await using var session = await EmulatorSession.StartAsync(configure: FastRetries);
        session.Emulator.Enqueue(failure);

        ChatResponse rebuilt = await session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("hi").ToChatResponseAsync();

        Assert.Contains("«hi»", rebuilt.Text, StringComparison.Ordinal);
        Assert.Equal(2, session.Emulator.Requests.Count);
    }

    /// <summary>A body that never ends and never breaks a line.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
