using Clova;
using Microsoft.SemanticKernel;

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
}
