// A generic-host app: the CLOVA client is registered from the "Clova" section of appsettings.json (the key comes from
// the CLOVASTUDIO_API_KEY or CLOVA_API_KEY environment variable), logs go to the console, and a chat client and an
// embedding generator are resolved from the container. Without a key it starts the emulator, told to rate-limit,
// so the log shows the connector retrying.
using Clova;
using Clova.Emulator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

Console.OutputEncoding = System.Text.Encoding.UTF8;
// appsettings.json is read from beside the program, wherever it is run from.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
ClovaEmulator? emulator = null;
ClovaClientOptions fromEnvironment = ClovaClientOptions.FromEnvironment();
if (fromEnvironment.ApiKey is null)
{
    emulator = await ClovaEmulator.StartAsync(new ClovaEmulatorOptions { RateLimitRequests = 1, RateLimitWindow = TimeSpan.FromSeconds(1) });
    Console.WriteLine($"No CLOVASTUDIO_API_KEY or CLOVA_API_KEY: using the embedded emulator at {emulator.BaseUri}, limited to one request a second.");
    builder.Configuration["Clova:Endpoint"] = emulator.BaseUri.ToString();
    builder.Configuration["Clova:ApiKey"] = "nv-emulator";
}
else
{
    builder.Configuration["Clova:ApiKey"] = fromEnvironment.ApiKey;
}

builder.Services.AddClovaClient(builder.Configuration.GetSection("Clova"))
    .AddChatClient(ClovaModels.HcxDash002)
    .AddEmbeddingGenerator(ClovaModels.BgeM3);

using IHost host = builder.Build();
await host.StartAsync();

IChatClient chat = host.Services.GetRequiredService<IChatClient>();
foreach (string question in new[] { "안녕하세요, 자기소개 부탁해요.", "오늘 할 일을 세 가지로 정리해 줘." })
{
    ChatResponse answer = await chat.GetResponseAsync(question);
    Console.WriteLine($"Q: {question}\nA: {answer.Text}\n");
}

var embedder = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
GeneratedEmbeddings<Embedding<float>> vectors = await embedder.GenerateAsync(["환불 규정", "배송 안내"]);
Console.WriteLine($"Embedded {vectors.Count} texts: {vectors[0].Vector.Length} floats each, {vectors.Usage?.InputTokenCount} input tokens.");

await host.StopAsync();
if (emulator is not null)
{
    await emulator.DisposeAsync();
}
