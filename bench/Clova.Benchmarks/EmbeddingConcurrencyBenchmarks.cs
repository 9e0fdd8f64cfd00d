using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Clova.Emulator;
using Microsoft.Extensions.AI;

namespace Clova.Benchmarks;

/// <summary>
/// Wall time for 1,000 texts against the emulator answering each after 20 ms, with one request in flight and with
/// the default concurrency. Budget: the default is at least 6× faster.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class EmbeddingConcurrencyBenchmarks
{
    private ClovaEmulator _emulator = null!;
    private ClovaClient _client = null!;

    [Params(1, ClovaEmbeddingGeneratorOptions.DefaultMaxConcurrency)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _emulator = await ClovaEmulator.StartAsync(new ClovaEmulatorOptions { EmbeddingDelay = _ => TimeSpan.FromMilliseconds(20) });
        _client = new ClovaClient(new ClovaClientOptions { Endpoint = _emulator.BaseUri, ApiKey = "nv-bench" });
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Benchmark(Description = "1,000 texts against a 20 ms server")]
    public async Task<int> ThousandTexts() =>
        (await _client.GetEmbeddingGenerator(ClovaModels.BgeM3, new ClovaEmbeddingGeneratorOptions { MaxConcurrency = Concurrency }).GenerateAsync(Payloads.EmbeddingTexts)).Count;
}
