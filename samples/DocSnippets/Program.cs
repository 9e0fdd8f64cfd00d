// docs/ snippets compile here; this program runs the self-contained ones against the emulator.
using Clova;
using Clova.Emulator;

Console.OutputEncoding = System.Text.Encoding.UTF8;
await using ClovaEmulator emulator = await ClovaEmulator.StartAsync();
using var clova = new ClovaClient(new ClovaClientOptions { Endpoint = emulator.BaseUri, ApiKey = "nv-docs" });
Microsoft.Extensions.AI.IChatClient chat = clova.GetChatClient(ClovaModels.Hcx005);
Console.WriteLine((await DocSnippets.ToolLoopAsync(chat)).Text);
Console.WriteLine(await DocSnippets.StructuredAsync(clova.GetChatClient(ClovaModels.Hcx007)));
await DocSnippets.EmbeddingsAsync(clova);
await DocSnippets.LegacyAsync(clova);
Console.WriteLine("docs snippets: ok");
