// Every row: dotnet run -c Release --project bench/Clova.Benchmarks -- --filter '*'
// A quick look: add --job short. One class: --filter '*Streaming*'.
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Clova.Benchmarks.StreamingBenchmarks).Assembly).Run(args);
