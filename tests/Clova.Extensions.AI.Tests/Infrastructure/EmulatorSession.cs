using Clova.Emulator;
using Microsoft.Extensions.AI;

namespace Clova.Tests.Infrastructure;

/// <summary>An emulator on a random loopback port plus a <see cref="ClovaClient"/> pointed at it.</summary>
internal sealed class EmulatorSession : IAsyncDisposable
{
    public const string Key = "nv-test-0123456789abcdef";

    private EmulatorSession(ClovaEmulator emulator, ClovaClient client)
    {
        Emulator = emulator;
        Client = client;
    }

    public ClovaEmulator Emulator { get; }

    public ClovaClient Client { get; }

    public static async Task<EmulatorSession> StartAsync(ClovaEmulatorOptions? emulatorOptions = null, Action<ClovaClientOptions>? configure = null)
    {
        ClovaEmulator emulator = await ClovaEmulator.StartAsync(emulatorOptions);
        var options = new ClovaClientOptions { Endpoint = emulator.BaseUri, ApiKey = Key };
        configure?.Invoke(options);
        return new EmulatorSession(emulator, new ClovaClient(options));
    }

    /// <summary>Client options that authenticate with the legacy key pair instead of a bearer key.</summary>
    /// <param name="apiKey">The <c>X-NCP-CLOVASTUDIO-API-KEY</c> value.</param>
    /// <param name="gatewayKey">The <c>X-NCP-APIGW-API-KEY</c> value.</param>
    /// <returns>A <c>configure</c> action for <see cref="StartAsync"/>.</returns>
    public static Action<ClovaClientOptions> LegacyKeys(string apiKey, string gatewayKey) => o =>
    {
        o.ApiKey = null;
        o.LegacyApiKey = apiKey;
        o.LegacyApiGatewayKey = gatewayKey;
    };

    public IChatClient Chat(string model = ClovaModels.Hcx007) => Client.GetChatClient(model);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
