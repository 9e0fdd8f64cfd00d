using Clova;
using Clova.SemanticKernel;

namespace Microsoft.SemanticKernel;

/// <summary>Registers CLOVA Studio services on a Semantic Kernel <see cref="IKernelBuilder"/>.</summary>
public static class ClovaKernelBuilderExtensions
{
    /// <summary>Adds a CLOVA chat completion service.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="modelId">The model, for example <c>HCX-007</c>.</param>
    /// <param name="apiKey">The CLOVA Studio API key.</param>
    /// <param name="serviceId">A key for the service, to have several.</param>
    /// <param name="httpClient">An HttpClient to use; the caller keeps owning it.</param>
    /// <param name="endpoint">The endpoint, or null for CLOVA Studio's public one.</param>
    /// <returns>The builder.</returns>
    public static IKernelBuilder AddClovaChatCompletion(this IKernelBuilder builder, string modelId, string apiKey, string? serviceId = null, HttpClient? httpClient = null, Uri? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ClovaClientOptions { ApiKey = apiKey, HttpClient = httpClient };
        if (endpoint is not null)
        {
            options.Endpoint = endpoint;
        }

        builder.Services.AddClovaChatCompletion(modelId, options, serviceId);
        return builder;
    }

    /// <summary>Adds a CLOVA chat completion service with full client options (endpoint, legacy keys, retries…).</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="modelId">The model.</param>
    /// <param name="options">The client options.</param>
    /// <param name="serviceId">A key for the service.</param>
    /// <returns>The builder.</returns>
    public static IKernelBuilder AddClovaChatCompletion(this IKernelBuilder builder, string modelId, ClovaClientOptions options, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddClovaChatCompletion(modelId, options, serviceId);
        return builder;
    }

    /// <summary>Adds a CLOVA LK text generation service.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="modelId">The model, such as <c>LK-D2</c>.</param>
    /// <param name="options">The client options.</param>
    /// <param name="serviceId">A key for the service.</param>
    /// <returns>The builder.</returns>
    public static IKernelBuilder AddClovaTextGeneration(this IKernelBuilder builder, string modelId, ClovaClientOptions options, string? serviceId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddClovaTextGeneration(modelId, options, serviceId);
        return builder;
    }

    /// <summary>
    /// Adds a CLOVA embedding generator (<see cref="Microsoft.Extensions.AI.IEmbeddingGenerator{TInput, TEmbedding}"/>
    /// of <see cref="string"/> to <c>Embedding&lt;float&gt;</c>) for vector stores and text search.
    /// </summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="modelId">The model: <c>bge-m3</c>, <c>clir-emb-dolphin</c> or <c>clir-sts-dolphin</c>.</param>
    /// <param name="options">The client options.</param>
    /// <param name="serviceId">A key for the service.</param>
    /// <param name="generatorOptions">Concurrency, normalisation and the length pre-check; null for the defaults.</param>
    /// <returns>The builder.</returns>
    public static IKernelBuilder AddClovaEmbeddingGenerator(this IKernelBuilder builder, string modelId, ClovaClientOptions options, string? serviceId = null, ClovaEmbeddingGeneratorOptions? generatorOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddClovaEmbeddingGenerator(modelId, options, serviceId, generatorOptions);
        return builder;
    }

    /// <summary>Adds CLOVA's RAG tools (summarize, segment, answer_with_citations) as a plugin, in one call.</summary>
    /// <param name="builder">The kernel builder.</param>
    /// <param name="client">The CLOVA client the tools use; the caller keeps owning it.</param>
    /// <param name="pluginName">The plugin name the functions are grouped under.</param>
    /// <returns>The builder.</returns>
    public static IKernelBuilder AddClovaToolsPlugin(this IKernelBuilder builder, ClovaClient client, string pluginName = "clova")
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Plugins.AddFromObject(new ClovaToolsPlugin(client), pluginName);
        return builder;
    }
}
