// A user's test project, from packages only: the packaged emulator, a chat and an embedding through the packaged
// client, and the hosting registration. Exits non-zero on anything unexpected.
using Clova;
using Clova.Emulator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

await using ClovaEmulator emulator = await ClovaEmulator.StartAsync();
using var clova = new ClovaClient(new ClovaClientOptions { Endpoint = emulator.BaseUri, ApiKey = "nv-smoke" });

ChatResponse chat = await clova.GetChatClient(ClovaModels.Hcx005).GetResponseAsync("안녕하세요");
GeneratedEmbeddings<Embedding<float>> embeddings = await clova.GetEmbeddingGenerator(ClovaModels.BgeM3).GenerateAsync(["환불", "배송"]);

var services = new ServiceCollection();
services.AddClovaClient(o => { o.Endpoint = emulator.BaseUri; o.ApiKey = "nv-smoke"; }).AddChatClient(ClovaModels.HcxDash002);
await using ServiceProvider provider = services.BuildServiceProvider();
ChatResponse hosted = await provider.GetRequiredService<IChatClient>().GetResponseAsync("질문");

bool ok = chat.Text.Length > 0 && embeddings.Count == 2 && embeddings[0].Vector.Length == 1024 && hosted.Text.Length > 0 && emulator.Requests.Count == 4;
Console.WriteLine($"smoke: chat \"{chat.Text}\", {embeddings.Count} embeddings of {embeddings[0].Vector.Length}, hosted chat ok: {hosted.Text.Length > 0}, {emulator.Requests.Count} requests -> {(ok ? "OK" : "FAILED")}");
return ok ? 0 : 1;
