// Every row: dotnet run -c Release --project bench/Clova.Benchmarks -- --filter '*'
// A quick look: add --job short. One class: --filter '*.StreamingBenchmarks*' ('*Streaming*' also matches the non-streaming and stage classes).
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Clova.Benchmarks.StreamingBenchmarks).Assembly).Run(args);
