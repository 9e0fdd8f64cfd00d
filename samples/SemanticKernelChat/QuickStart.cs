using Clova;
using Clova.SemanticKernel;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

/// <summary>The README's Semantic Kernel quick start, the exact text of its README block (compiled with the SK switch).</summary>
internal static class QuickStart
{
    /// <summary>A kernel with the CLOVA chat service answering a prompt.</summary>
    public static async Task RunAsync()
    {
        #region semantic-kernel
        Kernel kernel = Kernel.CreateBuilder()
            .AddClovaChatCompletion(ClovaModels.Hcx007, ClovaClientOptions.FromEnvironment())
            .AddClovaEmbeddingGenerator(ClovaModels.BgeM3, ClovaClientOptions.FromEnvironment())
            .Build();

        Console.WriteLine(await kernel.InvokePromptAsync("부분집합의 수를 설명해 줘"));
        #endregion
    }

    /// <summary>The docs' Semantic Kernel streaming snippet.</summary>
    public static async Task StreamAsync(Microsoft.SemanticKernel.ChatCompletion.ChatHistory history)
    {
        #region semantic-kernel-streaming
        Kernel kernel = Kernel.CreateBuilder()
            .AddClovaChatCompletion(ClovaModels.Hcx007, Environment.GetEnvironmentVariable("CLOVA_API_KEY")!)   // or (model, ClovaClientOptions, serviceId)
            .Build();
        var settings = new ClovaPromptExecutionSettings { ReasoningEffort = "medium", MaxTokens = 4096 };
        await foreach (var chunk in kernel.GetRequiredService<IChatCompletionService>().GetStreamingChatMessageContentsAsync(history, settings, kernel))
            foreach (var item in chunk.Items)
                Console.Write(item is StreamingReasoningContent r ? $"[{r.Text}]" : item.ToString());
        #endregion
    }
}
