using System.ClientModel;
using System.ClientModel.Primitives;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Clova.Benchmarks;

/// <summary>Row 4: build + send + parse of a 10-turn history and a 1 KB answer, ours against the OpenAI SDK's.</summary>
[MemoryDiagnoser]
public class NonStreamingBenchmarks
{
    private IChatClient _clova = null!;
    private IChatClient _clovaNoRetry = null!;
    private ChatClient _openAI = null!;
    private List<Microsoft.Extensions.AI.ChatMessage> _meaiHistory = null!;
    private List<OpenAI.Chat.ChatMessage> _openAIHistory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clova = new ClovaClient(new ClovaClientOptions { ApiKey = "nv-bench", HttpClient = new HttpClient(new CannedHandler(Payloads.ClovaResponse(), "application/json")) })
            .GetChatClient(ClovaModels.Hcx005);
        _clovaNoRetry = new ClovaClient(new ClovaClientOptions
        {
            ApiKey = "nv-bench",
            HttpClient = new HttpClient(new CannedHandler(Payloads.ClovaResponse(), "application/json")),
            Retry = { Enabled = false },
        }).GetChatClient(ClovaModels.Hcx005);
        _openAI = new ChatClient("gpt-4o", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(new HttpClient(new CannedHandler(Payloads.OpenAIResponse(), "application/json"))),
        });
        _meaiHistory = [.. Payloads.History().Select(m => new Microsoft.Extensions.AI.ChatMessage(m.User ? ChatRole.User : ChatRole.Assistant, m.Text))];
        _openAIHistory = [.. Payloads.History().Select(m => m.User ? (OpenAI.Chat.ChatMessage)new UserChatMessage(m.Text) : new AssistantChatMessage(m.Text))];
    }

    [Benchmark(Baseline = true, Description = "OpenAI SDK 2.15 CompleteChatAsync")]
    public async Task<int> OpenAISdk() => (await _openAI.CompleteChatAsync(_openAIHistory)).Value.Content[0].Text.Length;

    [Benchmark(Description = "CLOVA IChatClient GetResponseAsync")]
    public async Task<int> Clova() => (await _clova.GetResponseAsync(_meaiHistory)).Text.Length;

    [Benchmark(Description = "CLOVA GetResponseAsync, retries off")]
    public async Task<int> ClovaNoRetry() => (await _clovaNoRetry.GetResponseAsync(_meaiHistory)).Text.Length;
}
