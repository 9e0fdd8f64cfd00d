using Clova;
using Clova.SemanticKernel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.TextGeneration;

namespace Microsoft.SemanticKernel;

/// <summary>Registers CLOVA Studio services in an <see cref="IServiceCollection"/>, keyed by service id.</summary>
public static class ClovaServiceCollectionExtensions
{
    /// <summary>
    /// Adds a CLOVA chat completion service (keyed when <paramref name="serviceId"/> is given), and the same model as a
    /// Microsoft.Extensions.AI <see cref="IChatClient"/> under the same key, for SK agents and code that take one.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="modelId">The model.</param>
    /// <param name="options">The client options; validated when the service is first resolved.</param>
    /// <param name="serviceId">A key for the service.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddClovaChatCompletion(this IServiceCollection services, string modelId, ClovaClientOptions options, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        object client = AddOwnedClient(services, options);
        services.AddKeyedSingleton<IChatCompletionService>(serviceId, (provider, _) =>
            new ClovaChatCompletionService(provider.GetRequiredKeyedService<ClovaClient>(client), modelId, provider.GetService<ILoggerFactory>()));
        services.AddKeyedSingleton<IChatClient>(serviceId, (provider, _) => provider.GetRequiredKeyedService<ClovaClient>(client).GetChatClient(modelId));
        return services;
    }

    /// <summary>Adds a CLOVA LK text generation service (keyed when <paramref name="serviceId"/> is given).</summary>
    /// <param name="services">The services.</param>
    /// <param name="modelId">The model, such as <c>LK-D2</c>.</param>
    /// <param name="options">The client options.</param>
    /// <param name="serviceId">A key for the service.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddClovaTextGeneration(this IServiceCollection services, string modelId, ClovaClientOptions options, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        object client = AddOwnedClient(services, options);
        return services.AddKeyedSingleton<ITextGenerationService>(serviceId, (provider, _) => new ClovaTextGenerationService(provider.GetRequiredKeyedService<ClovaClient>(client), modelId));
    }

    /// <summary>
    /// Adds a CLOVA embedding generator, the Microsoft.Extensions.AI <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
    /// that Semantic Kernel's vector stores and text search consume (keyed when <paramref name="serviceId"/> is given).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="modelId">The model: <c>bge-m3</c>, <c>clir-emb-dolphin</c> or <c>clir-sts-dolphin</c>.</param>
    /// <param name="options">The client options; validated when the generator is first resolved.</param>
    /// <param name="serviceId">A key for the service.</param>
    /// <param name="generatorOptions">Concurrency, normalisation and the length pre-check; null for the defaults.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddClovaEmbeddingGenerator(this IServiceCollection services, string modelId, ClovaClientOptions options, string? serviceId = null, ClovaEmbeddingGeneratorOptions? generatorOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        object client = AddOwnedClient(services, options);
        return services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(serviceId, (provider, _) =>
            provider.GetRequiredKeyedService<ClovaClient>(client).GetEmbeddingGenerator(modelId, generatorOptions));
    }

    /// <summary>
    /// Registers the <see cref="ClovaClient"/> a registration uses under a key of its own (so registrations never share
    /// or replace each other's), created on first use with the container's logger and disposed with the container.
    /// </summary>
    private static object AddOwnedClient(IServiceCollection services, ClovaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = new object();
        services.AddKeyedSingleton(key, (provider, _) =>
        {
            ClovaClientOptions copy = options.Clone();
            copy.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            return new ClovaClient(copy);
        });
        return key;
    }
}
