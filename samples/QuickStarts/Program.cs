// Runs the README's quick starts against the embedded emulator (or CLOVA Studio, with a key in the environment).
using Clova;
using Clova.Emulator;

Console.OutputEncoding = System.Text.Encoding.UTF8;
ClovaEmulator? emulator = null;
if (ClovaClientOptions.FromEnvironment().ApiKey is null)
{
    emulator = await ClovaEmulator.StartAsync();
    Environment.SetEnvironmentVariable("CLOVA_API_KEY", "nv-emulator");
    Environment.SetEnvironmentVariable("CLOVA_ENDPOINT", emulator.BaseUri.ToString());
    Environment.SetEnvironmentVariable("Clova__ApiKey", "nv-emulator");
    Environment.SetEnvironmentVariable("Clova__Endpoint", emulator.BaseUri.ToString());
    Console.WriteLine($"No key in the environment: the quick starts run against the emulator at {emulator.BaseUri}.");
}

await QuickStart.ChatAsync();
await QuickStart.EmbeddingsAsync();
await QuickStart.HostingAsync();
if (emulator is not null)
{
    await emulator.DisposeAsync();
}
