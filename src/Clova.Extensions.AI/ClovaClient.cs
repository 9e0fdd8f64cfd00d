using Clova.Chat;
using Clova.Internal;
using Microsoft.Extensions.AI;

namespace Clova;

/// <summary>
/// The entry point to CLOVA Studio: owns the credentials and the HTTP transport, and hands out clients for
/// individual models. Thread-safe; create one per application (or per key) and reuse it.
/// </summary>
/// <example>
/// <code>
/// using var clova = new ClovaClient(Environment.GetEnvironmentVariable("CLOVA_API_KEY")!);
/// IChatClient chat = clova.GetChatClient(ClovaModels.Hcx007);
/// ChatResponse reply = await chat.GetResponseAsync("안녕하세요");
/// </code>
/// </example>
public sealed class ClovaClient : IDisposable
{
    private readonly ClovaTransport _transport;

    /// <summary>Initializes a client for the public endpoint with a current-style (<c>nv-…</c>) API key.</summary>
    /// <param name="apiKey">The CLOVA Studio API key, sent as <c>Authorization: Bearer</c>.</param>
    public ClovaClient(string apiKey)
        : this(new ClovaClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>Initializes a client from options, which are validated and copied.</summary>
    /// <param name="options">Endpoint, credentials, transport and timeout.</param>
    /// <exception cref="ArgumentException">The options are incomplete or unsafe; the message says which and why.</exception>
    public ClovaClient(ClovaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new ClovaTransport(options);
    }

    /// <summary>Gets the base address requests go to.</summary>
    public Uri Endpoint => _transport.Endpoint;

    /// <summary>
    /// Returns an <see cref="IChatClient"/> for a v3 chat model (HCX-007, HCX-005, HCX-DASH-002…).
    /// <see cref="ChatOptions.ModelId"/> overrides the model per request.
    /// </summary>
    /// <param name="modelId">The default model, for example <see cref="ClovaModels.Hcx007"/>.</param>
    /// <returns>A chat client sharing this client's transport; disposing it does not affect this client.</returns>
    public IChatClient GetChatClient(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        return new ClovaChatClient(this, _transport, modelId);
    }

    /// <summary>Releases the HTTP client if this instance created it; a caller-supplied one is left alone.</summary>
    public void Dispose() => _transport.Dispose();

    /// <summary>Returns the endpoint; never a key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => $"ClovaClient {{ Endpoint = {Endpoint} }}";
}
