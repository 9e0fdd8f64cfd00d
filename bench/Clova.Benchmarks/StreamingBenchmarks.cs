using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.ServerSentEvents;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Clova.Benchmarks;

/// <summary>
/// Rows 1–3: decoding a stream of N tokens through our IChatClient, through the OpenAI SDK (the same texts in
/// OpenAI's format), and at the raw limit (SseParser plus a Utf8JsonReader that only pulls out the text).
/// </summary>
[MemoryDiagnoser]
public class StreamingBenchmarks
{
    private IChatClient _clova = null!;
    private ChatClient _openAI = null!;
    private byte[] _clovaBytes = null!;
    private ClovaClient _clovaClient = null!;

    [Params(100, 2_000, 20_000)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _clovaBytes = Payloads.ClovaStream(Tokens);
        _clovaClient = new ClovaClient(new ClovaClientOptions { ApiKey = "nv-bench", HttpClient = new HttpClient(new CannedHandler(_clovaBytes, "text/event-stream")) });
        _clova = _clovaClient.GetChatClient(ClovaModels.Hcx007);
        _openAI = new ChatClient("gpt-4o", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(new HttpClient(new CannedHandler(Payloads.OpenAIStream(Tokens), "text/event-stream"))),
        });
    }

    private List<ChatResponseUpdate> _updates = null!;

    [GlobalSetup(Target = nameof(CoalesceOnly))]
    public void SetupCoalesce()
    {
        Setup();
        _updates = _clova.GetStreamingResponseAsync("부분집합").ToBlockingEnumerable().ToList();
    }

    [GlobalCleanup]
    public void Cleanup() => _clovaClient.Dispose();

    [Benchmark(Description = "CLOVA IChatClient stream")]
    public async Task<int> Clova()
    {
        int chars = 0;
        await foreach (ChatResponseUpdate update in _clova.GetStreamingResponseAsync("부분집합"))
        {
            // Indexed: a foreach over the IList would box an enumerator per update, the consumer's cost, not ours.
            IList<AIContent> contents = update.Contents;
            for (int i = 0; i < contents.Count; i++)
            {
                chars += contents[i] switch
                {
                    TextContent t => t.Text.Length,
                    TextReasoningContent r => r.Text.Length,
                    _ => 0,
                };
            }
        }

        return chars;
    }

    [Benchmark(Description = "CLOVA stream + ToChatResponseAsync")]
    public async Task<int> ClovaToChatResponse() => (await _clova.GetStreamingResponseAsync("부분집합").ToChatResponseAsync()).Text.Length;

    [Benchmark(Description = "OpenAI SDK 2.15 stream")]
    public async Task<int> OpenAISdk()
    {
        int chars = 0;
        await foreach (StreamingChatCompletionUpdate update in _openAI.CompleteChatStreamingAsync([new UserChatMessage("부분집합")]))
        {
            ChatMessageContent parts = update.ContentUpdate;
            for (int i = 0; i < parts.Count; i++)
            {
                chars += parts[i].Text.Length;
            }
        }

        return chars;
    }

    /// <summary>Microsoft.Extensions.AI's own part of <c>ToChatResponseAsync</c>: coalescing the same updates, already in memory.</summary>
    [Benchmark(Description = "MEAI ToChatResponse alone (updates in memory)")]
    public int CoalesceOnly() => _updates.ToChatResponse().Text.Length;

    [Benchmark(Baseline = true, Description = "Limit: SseParser + Utf8JsonReader")]
    public async Task<int> Limit()
    {
        int chars = 0;
        using var stream = new MemoryStream(_clovaBytes, writable: false);
        await foreach (SseItem<string?> item in SseParser.Create(stream, static (_, data) => PullText(data)).EnumerateAsync())
        {
            chars += item.Data?.Length ?? 0;
        }

        return chars;
    }

    /// <summary>The least a decoder must do: find the text of the message and make it a string.</summary>
    private static string? PullText(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("thinkingContent"u8)))
            {
                reader.Read();
                return reader.GetString();
            }
        }

        return null;
    }
}
