using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Clova.Emulator.Tests.Infrastructure;

/// <summary>
/// A fresh emulator per test and a bare <see cref="HttpClient"/> to talk to it, so no client-library code is
/// involved in checking the emulator.
/// </summary>
public abstract class EmulatorTestBase : IAsyncLifetime
{
    /// <summary>Gets the emulator under test.</summary>
    protected ClovaEmulator Emulator { get; private set; } = null!;

    /// <summary>Gets the bare HTTP client.</summary>
    protected HttpClient Http { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync() => Emulator = await ClovaEmulator.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>POSTs JSON to a path of the emulator with the test bearer key, or with the legacy key pair.</summary>
    /// <param name="path">The path, relative to the emulator's base address.</param>
    /// <param name="body">The JSON body.</param>
    /// <param name="legacyKeys">Whether to send the legacy gateway key pair instead of a bearer key.</param>
    /// <returns>The status and the parsed body.</returns>
    protected async Task<(HttpStatusCode Status, JsonElement Body)> PostPathAsync(string path, string body, bool legacyKeys = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Emulator.BaseUri, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (legacyKeys)
        {
            request.Headers.Add("X-NCP-CLOVASTUDIO-API-KEY", "legacy-key");
            request.Headers.Add("X-NCP-APIGW-API-KEY", "gateway-key");
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Bearer);
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
