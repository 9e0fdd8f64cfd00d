using Clova;
using Clova.Emulator;

/// <summary>
/// What every sample does first: talk to CLOVA Studio when CLOVASTUDIO_API_KEY or CLOVA_API_KEY is set (endpoint from CLOVASTUDIO_ENDPOINT or
/// CLOVA_ENDPOINT, see ClovaClientOptions.FromEnvironment),
/// otherwise start the embedded emulator and say so.
/// </summary>
internal sealed class SampleConnection : IAsyncDisposable
{
    private readonly ClovaEmulator? _emulator;

    private SampleConnection(ClovaClient client, ClovaEmulator? emulator)
    {
        Client = client;
        _emulator = emulator;
    }

    public ClovaClient Client { get; }

    public static async Task<SampleConnection> OpenAsync()
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        ClovaClientOptions options = ClovaClientOptions.FromEnvironment();
        if (options.ApiKey is null)
        {
            ClovaEmulator emulator = await ClovaEmulator.StartAsync();
            Note($"No CLOVASTUDIO_API_KEY or CLOVA_API_KEY: using the embedded CLOVA emulator at {emulator.BaseUri} (answers are canned).");
            return new SampleConnection(new ClovaClient(new ClovaClientOptions { Endpoint = emulator.BaseUri, ApiKey = "nv-emulator" }), emulator);
        }

        return new SampleConnection(new ClovaClient(options), null);
    }

    public static void Note(string text)
    {
        Console.ForegroundColor = ConsoleColor.DarkCyan;
        Console.WriteLine(text);
        Console.ResetColor();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
