using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Clova.Emulator;
using Microsoft.Extensions.AI;

namespace Clova.Benchmarks;

/// <summary>
/// Row 5: against the emulator on loopback, time to first token and total time through our IChatClient, next to a
/// bare HttpClient reading the same stream; the difference is our overhead.
/// </summary>
[MemoryDiagnoser]
public class LoopbackBenchmarks
{
    private const string Body = """{"messages":[{"role":"user","content":"부분집합의 수를 설명해 줘"}]}""";
    private ClovaEmulator _emulator = null!;
    private ClovaClient _client = null!;
    private IChatClient _chat = null!;
    private HttpClient _bare = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _emulator = await ClovaEmulator.StartAsync();
        _client = new ClovaClient(new ClovaClientOptions { Endpoint = _emulator.BaseUri, ApiKey = "nv-bench" });
        _chat = _client.GetChatClient(ClovaModels.Hcx007);
        _bare = new HttpClient { BaseAddress = _emulator.BaseUri };
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        _bare.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Description = "CLOVA IChatClient: first token")]
    public async Task<string> ClovaFirstToken()
    {
        await foreach (ChatResponseUpdate update in _chat.GetStreamingResponseAsync("부분집합의 수를 설명해 줘"))
        {
            if (update.Contents.Count > 0)
            {
                return update.Contents[0].ToString() ?? "";
            }
        }

        return "";
    }

    [Benchmark(Description = "CLOVA IChatClient: whole stream")]
    public async Task<int> ClovaWhole() => (await _chat.GetStreamingResponseAsync("부분집합의 수를 설명해 줘").ToChatResponseAsync()).Text.Length;

    [Benchmark(Description = "bare HttpClient: first token")]
    public async Task<string> BareFirstToken()
    {
        using HttpResponseMessage response = await SendBareAsync();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return "";
    }

    [Benchmark(Baseline = true, Description = "bare HttpClient: whole stream")]
    public async Task<int> BareWhole()
    {
        using HttpResponseMessage response = await SendBareAsync();
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    private Task<HttpResponseMessage> SendBareAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v3/chat-completions/HCX-007") { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "nv-bench");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return _bare.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
