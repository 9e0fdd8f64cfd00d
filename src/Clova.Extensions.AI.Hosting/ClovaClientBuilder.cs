using Clova;
using Microsoft.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>AddClovaClient</c>: adds Microsoft.Extensions.AI services served by the registered
/// <see cref="ClovaClient"/>. For middleware (function invocation, caching, OpenTelemetry), use Microsoft.Extensions.AI's
/// own <c>services.AddChatClient(sp =&gt; sp.GetRequiredService&lt;ClovaClient&gt;().GetChatClient(model))</c> builder.
/// </summary>
public sealed class ClovaClientBuilder
{
    internal ClovaClientBuilder(IServiceCollection services, object? clientKey)
    {
        Services = services;
        ClientKey = clientKey;
    }

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the key of the <see cref="ClovaClient"/> this builder adds to, or null for the unkeyed one.</summary>
    public object? ClientKey { get; }

    /// <summary>Registers an <see cref="IChatClient"/> for <paramref name="modelId"/> (keyed when <paramref name="serviceKey"/> is given).</summary>
    /// <param name="modelId">The model, for example <c>HCX-007</c>.</param>
    /// <param name="serviceKey">The key to register the chat client under, or null.</param>
    /// <returns>This builder.</returns>
    public ClovaClientBuilder AddChatClient(string modelId, object? serviceKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        Register<IChatClient>(serviceKey, client => client.GetChatClient(modelId));
        return this;
    }

    /// <summary>
    /// Registers an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <see cref="string"/> to
    /// <see cref="Embedding{T}"/> of <see cref="float"/> for <paramref name="modelId"/> (keyed when <paramref name="serviceKey"/> is given).
    /// </summary>
    /// <param name="modelId">The model, for example <c>bge-m3</c>.</param>
    /// <param name="serviceKey">The key to register the generator under, or null.</param>
    /// <param name="options">Concurrency, normalisation and the length pre-check; null for the defaults.</param>
    /// <returns>This builder.</returns>
    public ClovaClientBuilder AddEmbeddingGenerator(string modelId, object? serviceKey = null, ClovaEmbeddingGeneratorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        Register<IEmbeddingGenerator<string, Embedding<float>>>(serviceKey, client => client.GetEmbeddingGenerator(modelId, options));
        return this;
    }

    private void Register<TService>(object? serviceKey, Func<ClovaClient, TService> create)
        where TService : class
    {
        object? clientKey = ClientKey;
        ClovaClient Client(IServiceProvider provider) =>
            clientKey is null ? provider.GetRequiredService<ClovaClient>() : provider.GetRequiredKeyedService<ClovaClient>(clientKey);

        if (serviceKey is null)
        {
            Services.AddSingleton(provider => create(Client(provider)));
        }
        else
        {
            Services.AddKeyedSingleton(serviceKey, (provider, _) => create(Client(provider)));
        }
    }
}
