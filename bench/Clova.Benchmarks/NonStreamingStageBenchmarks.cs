using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Clova.Chat;
using Clova.Internal;
using Clova.Requests;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Benchmarks;

/// <summary>
/// Where a non-streaming call's time goes (issue 17): each stage of <c>GetResponseAsync</c> alone, on the same
/// 10-turn Korean history and 1 KB answer as <see cref="NonStreamingBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class NonStreamingStageBenchmarks
{
    private List<ChatMessage> _history = null!;
    private byte[] _reply = null!;
    private ClovaChatResult _result = null!;

    [GlobalSetup]
    public void Setup()
    {
        _history = [.. Payloads.History().Select(m => new ChatMessage(m.User ? ChatRole.User : ChatRole.Assistant, m.Text))];
        _reply = Payloads.ClovaResponse();
        _request = ClovaRequestBuilder.ForChat(_history, null, ClovaModelCatalog.Get(ClovaModels.Hcx005), ClovaDialect.V3Chat, null);
        _result = JsonSerializer.Deserialize(JsonDocument.Parse(_reply).RootElement.GetProperty("result"), ClovaJson.Context.ClovaChatResult)!;
    }

    private ClovaRequest _request = null!;

    [Benchmark(Description = "1a. build the request (rules, mapping, parameter table)")]
    public int BuildRequest() => ClovaRequestBuilder.ForChat(_history, null, ClovaModelCatalog.Get(ClovaModels.Hcx005), ClovaDialect.V3Chat, null).Messages!.Count;

    [Benchmark(Description = "1b. write a built request as UTF-8 JSON")]
    public int WriteBuilt() => ClovaRequestWriter.ToUtf8(_request).Length;

    [Benchmark(Description = "1. build + write the request body")]
    public int WriteRequest() =>
        ClovaRequestWriter.ToUtf8(ClovaRequestBuilder.ForChat(_history, null, ClovaModelCatalog.Get(ClovaModels.Hcx005), ClovaDialect.V3Chat, null)).Length;

    [Benchmark(Description = "2. read the reply envelope (bytes in memory)")]
    public async Task<int> ReadEnvelope()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(_reply) };
        ClovaChatResult result = await ClovaEnvelopeReader.ReadResultAsync(response, ClovaJson.Context.ClovaChatResult, "id", CancellationToken.None);
        return result.Message?.Content?.Length ?? 0;
    }

    [Benchmark(Description = "3. map the result to a ChatResponse")]
    public int MapResponse() => ChatResponseMapper.FromClovaResult(_result, "id", ClovaModels.Hcx005, true).Text.Length;
}
