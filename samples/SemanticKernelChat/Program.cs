// SemanticKernelChat: a kernel with the CLOVA chat service and a plugin it may call; streams the answer (and any
// reasoning, in grey). Built only with the Semantic Kernel switch (see README, "Semantic Kernel"):
//   dotnet run --project samples/SemanticKernelChat -p:WithSemanticKernel=true -p:SemanticKernelPackageSource=<feed> -- "질문"
using System.ComponentModel;
using Clova.SemanticKernel;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

await using SampleConnection connection = await SampleConnection.OpenAsync();
Clova.ClovaClientOptions fromEnvironment = Clova.ClovaClientOptions.FromEnvironment();
var options = new Clova.ClovaClientOptions { Endpoint = connection.Client.Endpoint, ApiKey = fromEnvironment.ApiKey ?? "nv-emulator" };
Kernel kernel = Kernel.CreateBuilder().AddClovaChatCompletion(Clova.ClovaModels.Hcx007, options).Build();
kernel.Plugins.AddFromType<ClockPlugin>("clock");

var chat = kernel.GetRequiredService<IChatCompletionService>();
var history = new ChatHistory("You are a helpful assistant.");
history.AddUserMessage(args.Length > 0 ? string.Join(' ', args) : "부분집합의 수가 2ⁿ인 이유는?");
Console.WriteLine($"> {history[^1].Content}");
bool reasoning = false;
// Auto() offers the plugin. CLOVA does not think and call tools at once: with plugins offered and no effort chosen,
// HCX-007's thinking is turned off and its output limit raised to at least 1024, as the tool rules require.
var settings = new ClovaPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
await foreach (StreamingChatMessageContent chunk in chat.GetStreamingChatMessageContentsAsync(history, settings, kernel))
{
    foreach (StreamingKernelContent item in chunk.Items)
    {
        if (item is StreamingReasoningContent thought)
        {
            Console.ForegroundColor = ConsoleColor.DarkGray;
            Console.Write((reasoning ? "" : "[reasoning] ") + thought.Text);
            reasoning = true;
        }
        else if (item is StreamingTextContent text)
        {
            if (reasoning)
            {
                Console.ResetColor();
                Console.WriteLine();
                reasoning = false;
            }

            Console.Write(text.Text);
        }
    }
}

Console.ResetColor();
Console.WriteLine();
return 0;

/// <summary>A small plugin the model may call (with a model and settings that allow tools).</summary>
internal sealed class ClockPlugin
{
    [KernelFunction("now")]
    [Description("Tells the current UTC time")]
    public string Now() => DateTimeOffset.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
}
