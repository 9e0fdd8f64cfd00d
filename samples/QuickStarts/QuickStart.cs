using Clova;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

/// <summary>
/// The README's quick starts, each the exact text of a README block (between the region markers), so the README
/// cannot show code that does not compile or run. Each reads its key and endpoint from the environment.
/// </summary>
public static class QuickStart
{
    /// <summary>Microsoft.Extensions.AI chat, streaming with HCX-007's reasoning.</summary>
    public static async Task ChatAsync()
    {
        #region chat
        using var clova = new ClovaClient(ClovaClientOptions.FromEnvironment());   // CLOVASTUDIO_API_KEY
        IChatClient chat = clova.GetChatClient(ClovaModels.Hcx007);
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Medium } };

        await foreach (ChatResponseUpdate update in chat.GetStreamingResponseAsync("부분집합의 수를 설명해 줘", options))
        {
            foreach (AIContent content in update.Contents)
            {
                if (content is TextReasoningContent thinking) Console.Write($"[{thinking.Text}]");
                else if (content is TextContent text) Console.Write(text.Text);
                else if (content is UsageContent usage) Console.WriteLine($"\n{usage.Details.TotalTokenCount} tokens");
            }
        }
        #endregion
    }

    /// <summary>Embeddings with bge-m3.</summary>
    public static async Task EmbeddingsAsync()
    {
        #region embeddings
        using var clova = new ClovaClient(ClovaClientOptions.FromEnvironment());
        IEmbeddingGenerator<string, Embedding<float>> embedder = clova.GetEmbeddingGenerator(ClovaModels.BgeM3);

        GeneratedEmbeddings<Embedding<float>> vectors = await embedder.GenerateAsync(["환불은 언제 되나요?", "배송은 얼마나 걸리나요?"]);
        Console.WriteLine($"{vectors.Count} vectors of {vectors[0].Vector.Length} floats, {vectors.Usage?.InputTokenCount} tokens");
        #endregion
    }

    /// <summary>A generic host with the client from configuration.</summary>
    public static async Task HostingAsync()
    {
        #region hosting
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();   // "Clova" section: appsettings.json or Clova__ApiKey
        builder.Services.AddClovaClient(builder.Configuration.GetSection("Clova"))
            .AddChatClient(ClovaModels.HcxDash002)
            .AddEmbeddingGenerator(ClovaModels.BgeM3);
        using IHost host = builder.Build();

        IChatClient chat = host.Services.GetRequiredService<IChatClient>();
        Console.WriteLine((await chat.GetResponseAsync("안녕하세요")).Text);
        #endregion
    }
}
