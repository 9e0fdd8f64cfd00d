using System.Text.Json;
using Clova.Internal;
using Clova.Rules;
using Clova.Wire;
using Microsoft.Extensions.AI;

namespace Clova.Embeddings;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over CLOVA's embedding APIs (v1 for the <c>clir-*</c>
/// models, v2 for <c>bge-m3</c>). CLOVA embeds one text per request, so a call over N texts is N requests, at most
/// <see cref="ClovaEmbeddingGeneratorOptions.MaxConcurrency"/> at a time, each retried on its own by the client's
/// policy, answered in input order, and failing fast with the index of the text that failed. Holds no per-call
/// state; it shares, and never disposes, its <see cref="ClovaClient"/>'s transport.
/// </summary>
internal sealed class ClovaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The embedding v2 tokenizer takes 1–10,000 characters; a longer text is not counted locally.</summary>
    private const int TokenizerMaxCharacters = 10_000;

    private readonly ClovaClient _owner;
    private readonly ClovaTransport _transport;
    private readonly string _modelId;
    private readonly ClovaEmbeddingGeneratorOptions _options;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public ClovaEmbeddingGenerator(ClovaClient owner, ClovaTransport transport, string modelId, ClovaEmbeddingGeneratorOptions options)
    {
        _owner = owner;
        _transport = transport;
        _modelId = modelId;
        _options = options;
        ClovaEmbeddingModelInfo model = ClovaModelCatalog.GetEmbedding(modelId);
        ClovaRuleBook.CheckEmbeddingModel(model, options.CheckTokenLimit, transport.UsesLegacyKeys, transport.HasAppPath, transport.LegacyAppId);
        _metadata = new EmbeddingGeneratorMetadata("clova", transport.Endpoint, modelId, model.Dimensions);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        IReadOnlyList<string> texts = values as IReadOnlyList<string> ?? [.. values];
        string modelId = string.IsNullOrWhiteSpace(options?.ModelId) ? _modelId : options.ModelId;
        ClovaEmbeddingModelInfo model = ClovaModelCatalog.GetEmbedding(modelId);
        string? appId = _transport.UsesLegacyKeys ? _transport.LegacyAppId : null;
        ClovaRuleBook.CheckEmbedding(texts, options, model, _options.CheckTokenLimit, _transport.UsesLegacyKeys, _transport.HasAppPath, appId);
        ClovaApiPath path = ClovaApiPaths.Embedding(model, appId);
        if (texts.Count == 0)
        {
            return [];
        }

        if (_options.CheckTokenLimit && model.MaxInputTokens is int limit)
        {
            await CheckLengthsAsync(texts, model.Name, limit, cancellationToken).ConfigureAwait(false);
        }

        (Embedding<float> Embedding, int? Tokens)[] results = await ClovaFanOut.RunAsync(
            texts.Count,
            _options.MaxConcurrency,
            (index, token) => EmbedOneAsync(path, model, texts[index], index, texts.Count, token),
            cancellationToken).ConfigureAwait(false);

        var embeddings = new GeneratedEmbeddings<Embedding<float>>(results.Length);
        var tokens = new int?[results.Length];
        for (int i = 0; i < results.Length; i++)
        {
            embeddings.Add(results[i].Embedding);
            tokens[i] = results[i].Tokens;
        }

        embeddings.Usage = EmbeddingMapper.FromClovaUsage(tokens);
        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType == typeof(ClovaClient) ? _owner
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The transport belongs to the ClovaClient, which may serve other clients.
    }

    public override string ToString() => $"ClovaEmbeddingGenerator {{ Model = {_modelId}, Endpoint = {_transport.Endpoint} }}";

    private async Task<(Embedding<float>, int?)> EmbedOneAsync(ClovaApiPath path, ClovaEmbeddingModelInfo model, string text, int index, int count, CancellationToken cancellationToken)
    {
        string requestId = ClovaTransport.NewRequestId();
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new ClovaTextRequest { Text = text }, ClovaJson.Context.ClovaTextRequest);
        try
        {
            ClovaEmbeddingResult result = await _transport.PostJsonAsync(path, body, ClovaJson.Context.ClovaEmbeddingResult, requestId, cancellationToken, ClovaEmbeddingReader.Read).ConfigureAwait(false);
            return (EmbeddingMapper.FromClovaEmbedding(result, model, DateTimeOffset.UtcNow, _options.Normalize, requestId), result.InputTokens);
        }
        catch (ClovaException e)
        {
            throw ClovaErrors.ForInput(e, index, count);
        }
    }

    private async Task CheckLengthsAsync(IReadOnlyList<string> texts, string model, int limit, CancellationToken cancellationToken)
    {
        int[] counts = await ClovaFanOut.RunAsync(
            texts.Count,
            _options.MaxConcurrency,
            async (index, token) =>
            {
                try
                {
                    return texts[index].Length > TokenizerMaxCharacters ? -1 : await ClovaTokenCounter.CountEmbeddingTokensAsync(_transport, texts[index], token).ConfigureAwait(false);
                }
                catch (ClovaException e)
                {
                    throw ClovaErrors.ForInput(e, index, texts.Count);
                }
            },
            cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] > limit)
            {
                throw new ArgumentException($"Input {i} is {counts[i]:N0} tokens by CLOVA's embedding tokenizer; {model} takes up to {limit:N0}. Nothing was embedded.", "values");
            }
        }
    }
}
