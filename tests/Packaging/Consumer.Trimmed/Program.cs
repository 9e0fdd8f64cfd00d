// What a trimmed app uses: chat (streaming), embeddings, a tool client, options from the environment.
using Clova;
using Microsoft.Extensions.AI;

using var clova = new ClovaClient(ClovaClientOptions.FromEnvironment() is { ApiKey: not null } options ? options : new ClovaClientOptions { ApiKey = "nv-unused" });
if (args.Length == 0)
{
    Console.WriteLine("trimmed build ok");
    return 0;
}

await foreach (ChatResponseUpdate update in clova.GetChatClient(ClovaModels.Hcx007).GetStreamingResponseAsync(args[0]))
{
    Console.Write(update.Text);
}

GeneratedEmbeddings<Embedding<float>> vectors = await clova.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync(args);
ClovaSummary summary = await clova.GetSummarizer().SummarizeAsync(args[0]);
Console.WriteLine($"\n{vectors.Count} vectors; {summary.Text}");
return 0;
