using System.ClientModel;
using System.ClientModel.Primitives;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace Clova.Benchmarks;

/// <summary>
/// Embeddings, per text (1,000 texts per operation): our generator on the in-memory handler against the OpenAI SDK's
/// EmbeddingClient reading the same vector in the OpenAI-compatible shape, one text per call as CLOVA requires.
/// Budget: per-text overhead ≤ 0.5× the SDK's; allocation ≤ 1.2× one vector's 4 KB of floats.
/// </summary>
[MemoryDiagnoser]
public class EmbeddingBenchmarks
{
    private const int Texts = 1000;
    private IEmbeddingGenerator<string, Embedding<float>> _clova = null!;
    private IEmbeddingGenerator<string, Embedding<float>> _clovaSequential = null!;
    private EmbeddingClient _openAI = null!;
    private readonly byte[] _clovaBody = Payloads.ClovaEmbedding();

    [GlobalSetup]
    public void Setup()
    {
        var client = new ClovaClient(new ClovaClientOptions { ApiKey = "nv-bench", HttpMessageHandler = new CannedHandler(Payloads.ClovaEmbedding(), "application/json") });
        _clova = client.GetEmbeddingGenerator(ClovaModels.BgeM3);
        _clovaSequential = client.GetEmbeddingGenerator(ClovaModels.BgeM3, new ClovaEmbeddingGeneratorOptions { MaxConcurrency = 1 });
        _openAI = new EmbeddingClient("bge-m3", new ApiKeyCredential("sk-bench"), new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(new HttpClient(new CannedHandler(Payloads.OpenAIEmbedding(), "application/json"))),
        });
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Texts, Description = "OpenAI SDK 2.15 EmbeddingClient, per text")]
    public async Task<int> OpenAISdk()
    {
        int length = 0;
        foreach (string text in Payloads.EmbeddingTexts)
        {
            length += (await _openAI.GenerateEmbeddingAsync(text)).Value.ToFloats().Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = Texts, Description = "Parse limit: Utf8JsonReader.TryGetSingle over the reply, per text")]
    public float ParseLimit()
    {
        float sum = 0;
        for (int t = 0; t < Texts; t++)
        {
            var reader = new System.Text.Json.Utf8JsonReader(_clovaBody);
            while (reader.Read())
            {
                if (reader.TokenType == System.Text.Json.JsonTokenType.Number && reader.TryGetSingle(out float value))
                {
                    sum += value;
                }
            }
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Texts, Description = "CLOVA IEmbeddingGenerator (1,000 texts, concurrency 8), per text")]
    public async Task<int> Clova() => (await _clova.GenerateAsync(Payloads.EmbeddingTexts)).Count;

    [Benchmark(OperationsPerInvoke = Texts, Description = "CLOVA IEmbeddingGenerator (1,000 texts, concurrency 1), per text")]
    public async Task<int> ClovaSequential() => (await _clovaSequential.GenerateAsync(Payloads.EmbeddingTexts)).Count;
}
