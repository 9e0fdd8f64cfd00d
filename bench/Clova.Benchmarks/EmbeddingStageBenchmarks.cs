using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Clova.Internal;
using Clova.Wire;

namespace Clova.Benchmarks;

/// <summary>
/// Where an embedding's time goes (issue 17): the reply read alone, the vector's numbers tokenised alone, and the
/// numbers parsed alone, on the same 1024-float reply as <see cref="EmbeddingBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class EmbeddingStageBenchmarks
{
    private readonly byte[] _reply = Payloads.ClovaEmbedding();

    [Benchmark(Description = "1. read the reply envelope and vector (bytes in memory)")]
    public async Task<int> ReadReply()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(_reply) };
        ClovaEmbeddingResult result = await ClovaEnvelopeReader.ReadResultAsync(response, ClovaJson.Context.ClovaEmbeddingResult, "id", CancellationToken.None, fastReader: ClovaEmbeddingReader.Read);
        return result.Embedding!.Length;
    }

    [Benchmark(Description = "2. Utf8JsonReader over the reply, tokens only")]
    public int Tokenize()
    {
        int count = 0;
        var reader = new Utf8JsonReader(_reply);
        while (reader.Read())
        {
            count += reader.TokenType == JsonTokenType.Number ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Description = "3. Utf8JsonReader + FastFloatParser over the reply")]
    public float TokenizeAndParse()
    {
        float sum = 0;
        var reader = new Utf8JsonReader(_reply);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.Number && FastFloatParser.TryParse(reader.ValueSpan, out float value))
            {
                sum += value;
            }
        }

        return sum;
    }
}
