using System.Net;
using System.Text;
using Clova.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Clova.Tests;

/// <summary>
/// Thousands of random and mutated streams through the full client: each must end in updates or a
/// <see cref="ClovaException"/>, never another exception type and never a hang. Seeded, so every run is the same.
/// </summary>
public sealed class StreamFuzzTests
{
    private const string Secret = "nv-fuzz-secret-key-0123456789";

    private static readonly string[] Corpus =
    [
        Payload.Read("v3-thinking-stream.ja.sse"),
        Payload.Read("v1-chat-stream.en.sse"),
        Sse.Event("token", """{"message":{"role":"assistant","thinkingContent":"생각"},"finishReason":null,"usage":null}""") +
        Sse.Event("token", """{"message":{"role":"assistant","content":"","toolCalls":[{"id":"call_1","type":"function","function":{"name":"f"}}]}}""") +
        Sse.Event("token", """{"message":{"role":"assistant","content":"","toolCalls":[{"function":{"partialJson":"{\"a\":1}"}}]}}""") +
        Sse.Event("result", """{"message":{"role":"assistant","content":"","toolCalls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":{"a":1}}}]},"finishReason":"tool_calls","usage":{"promptTokens":1,"completionTokens":2,"totalTokens":3}}""") +
        Sse.Event("signal", """{"data":"[DONE]"}"""),
        "event: token\r\ndata: {\"message\":{\"content\":\"a\"}}\r\n\r\nevent: error\r\ndata: {\"status\":{\"code\":\"42901\",\"message\":\"slow down\"}}\r\n\r\n",
    ];

    [Fact]
    public async Task Three_thousand_random_and_mutated_streams_end_in_updates_or_a_ClovaException()
    {
        var random = new Random(20261122);
        int completed = 0;
        int failed = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] body = Mutate(random, Encoding.UTF8.GetBytes(Corpus[random.Next(Corpus.Length)]));
            Exception? error = await RunAsync(body);
            switch (error)
            {
                case null:
                    completed++;
                    break;
                case ClovaException clova:
                    Assert.DoesNotContain(Secret, clova.ToString(), StringComparison.Ordinal);
                    failed++;
                    break;
                default:
                    Assert.Fail($"Case {i} ended with {error.GetType().Name}: {error.Message}\nBody: {Convert.ToBase64String(body)}");
                    break;
            }
        }

        // Both outcomes must occur, or the mutations are not exercising the decoder.
        Assert.True(completed > 100, $"{completed} completed");
        Assert.True(failed > 100, $"{failed} failed");
    }

    private static async Task<Exception?> RunAsync(byte[] body)
    {
        var handler = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new("text/event-stream") } },
        });
        using ClovaClient client = RecordingHandler.Client(handler, o =>
        {
            o.ApiKey = Secret;
            o.Retry.Enabled = false;
            o.MaxStreamEventBytes = 256 * 1024;
        });

        // A guard far above what one in-memory case needs: reaching it means the decoder hung.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (ChatResponseUpdate _ in client.GetChatClient(ClovaModels.Hcx007).GetStreamingResponseAsync("q", cancellationToken: guard.Token))
            {
            }

            return null;
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested)
        {
            return new TimeoutException("the stream decoder hung");
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static byte[] Mutate(Random random, byte[] source)
    {
        var bytes = new List<byte>(source);
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    var noise = new byte[random.Next(1, 64)];
                    random.NextBytes(noise);
                    bytes.InsertRange(at, noise);
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                case 4:
                    int length = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 5:
                    bytes.InsertRange(at, "\n\n"u8.ToArray());
                    break;
                case 6:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Sse.Event("result", "{\"message\":" + new string('[', random.Next(1, 300)))));
                    break;
                default:
                    var garbage = new byte[random.Next(1, 2048)];
                    random.NextBytes(garbage);
                    return garbage;
            }
        }

        return [.. bytes];
    }
}
