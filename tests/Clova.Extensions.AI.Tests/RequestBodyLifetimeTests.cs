using System.Buffers;
using System.Text;
using Clova.Internal;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>
/// Issue 17: a non-streaming call's body is a rented array. It must never be handed back while a writer still
/// sends it, never be sent once given back, and a stream (which may be enumerated again) keeps a plain array.
/// </summary>
public sealed class RequestBodyLifetimeTests
{
    [Fact]
    public async Task A_body_still_being_written_when_its_call_ends_is_sent_intact_even_if_the_pool_is_reused_meanwhile()
    {
        byte[] json = Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"안녕하세요\"}]}");
        ClovaRequestBody body = ClovaRequestBody.Rent(json);
        using var content = new ClovaBodyContent(body);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = new GatedStream(gate.Task);

        Task writing = content.CopyToAsync(sink);
        body.Dispose();
        // Had the array gone back at Dispose, this thread's pool cache would hand it out here and it would be scribbled on.
        for (int i = 0; i < 4; i++)
        {
            byte[] reused = ArrayPool<byte>.Shared.Rent(json.Length);
            reused.AsSpan().Fill((byte)'X');
            ArrayPool<byte>.Shared.Return(reused);
        }

        gate.SetResult();
        await writing;

        Assert.Equal(json, sink.Written.ToArray());
    }

    [Fact]
    public async Task A_rented_body_given_back_is_never_sent_again()
    {
        ClovaRequestBody body = ClovaRequestBody.Rent("{}"u8);
        using var content = new ClovaBodyContent(body);
        body.Dispose();

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => content.CopyToAsync(new MemoryStream()));

        Assert.Contains("after its CLOVA call had ended", Assert.IsType<ObjectDisposedException>(e.InnerException).Message, StringComparison.Ordinal);
        Assert.False(body.TryAcquire());
    }

    [Fact]
    public void A_plain_array_body_stays_sendable_after_its_owner_is_done()
    {
        ClovaRequestBody body = "{}"u8.ToArray();
        body.Dispose();

        Assert.True(body.TryAcquire());
        body.Release();
    }

    [Fact]
    public async Task A_streamed_answer_enumerated_twice_sends_the_same_body_twice_and_answers_twice()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();
        IAsyncEnumerable<ChatResponseUpdate> stream = session.Chat(ClovaModels.Hcx005).GetStreamingResponseAsync("서울 날씨 알려줘");

        ChatResponse first = await stream.ToChatResponseAsync();
        ChatResponse second = await stream.ToChatResponseAsync();

        Assert.Equal(2, session.Emulator.Requests.Count);
        Assert.Equal(session.Emulator.Requests[0].Body, session.Emulator.Requests[1].Body);
        Assert.Contains("서울 날씨 알려줘", session.Emulator.Requests[1].Body, StringComparison.Ordinal);
        Assert.Equal(first.Text, second.Text);
        Assert.NotEmpty(second.Text);
    }

    [Fact]
    public async Task Calls_alternating_between_models_each_go_to_their_own_address()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();
        IChatClient chat = session.Chat(ClovaModels.Hcx005);

        for (int i = 0; i < 4; i++)
        {
            await chat.GetResponseAsync("q", new ChatOptions { ModelId = i % 2 == 0 ? ClovaModels.Hcx005 : ClovaModels.HcxDash002 });
        }

        Assert.Equal(
            ["/v3/chat-completions/HCX-005", "/v3/chat-completions/HCX-DASH-002", "/v3/chat-completions/HCX-005", "/v3/chat-completions/HCX-DASH-002"],
            session.Emulator.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Two_hundred_concurrent_calls_each_send_their_own_history()
    {
        await using EmulatorSession session = await EmulatorSession.StartAsync();
        IChatClient chat = session.Chat(ClovaModels.Hcx005);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => chat.GetResponseAsync($"질문 번호 {i}: " + new string('가', i % 50))));

        string[] bodies = [.. session.Emulator.Requests.Select(r => r.Body)];
        Assert.Equal(200, bodies.Length);
        for (int i = 0; i < 200; i++)
        {
            Assert.Single(bodies, b => b.Contains($"\"질문 번호 {i}: {new string('가', i % 50)}\"", StringComparison.Ordinal));
        }
    }

    /// <summary>A sink that takes its bytes only once the gate opens, like a socket whose send is still pending.</summary>
    private sealed class GatedStream(Task gate) : MemoryStream
    {
        public MemoryStream Written { get; } = new();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await gate.ConfigureAwait(false);
            Written.Write(buffer.Span);
        }
    }
}
